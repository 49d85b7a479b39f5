using System.Security.Cryptography;

namespace BizEnv.Invest.Domain.Tests.Ledger.Merkle;

/// <summary>
/// RFC 9162 §2.1 as written: MTH (§2.1.1), PATH (§2.1.3.1) and SUBPROOF (§2.1.4.1), recursive over the
/// entries themselves, hashing with its own prefixes — the reference the stored tree is checked against.
/// Slow on purpose: it recomputes every subtree it needs from the leaves.
/// </summary>
internal static class NaiveMerkle
{
    public static byte[] Mth(ArraySegment<byte[]> d) => d.Count switch
    {
        0 => SHA256.HashData([]),
        1 => SHA256.HashData([0x00, .. d[0]]),
        _ => SHA256.HashData([0x01, .. Mth(d[..K(d.Count)]), .. Mth(d[K(d.Count)..])]),
    };

    public static List<byte[]> Path(int m, ArraySegment<byte[]> d)
    {
        if (d.Count == 1)
            return [];
        var k = K(d.Count);
        return m < k ? [.. Path(m, d[..k]), Mth(d[k..])] : [.. Path(m - k, d[k..]), Mth(d[..k])];
    }

    public static List<byte[]> Proof(int m, ArraySegment<byte[]> d) => SubProof(m, d, true);

    private static List<byte[]> SubProof(int m, ArraySegment<byte[]> d, bool b)
    {
        if (m == d.Count)
            return b ? [] : [Mth(d)];
        var k = K(d.Count);
        return m <= k ? [.. SubProof(m, d[..k], b), Mth(d[k..])] : [.. SubProof(m - k, d[k..], false), Mth(d[..k])];
    }

    /// <summary>The largest power of two smaller than n.</summary>
    private static int K(int n)
    {
        var k = 1;
        while (k * 2 < n)
            k *= 2;
        return k;
    }
}
