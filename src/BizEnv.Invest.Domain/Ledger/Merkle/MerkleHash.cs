using System.Security.Cryptography;

namespace BizEnv.Invest.Domain.Ledger.Merkle;

/// <summary>
/// RFC 9162 §2.1.1 hashing with SHA-256. The 0x00 and 0x01 prefixes keep a leaf from ever hashing
/// like an interior node (a second-preimage defence), so a proof cannot pass a node off as an entry.
/// </summary>
public static class MerkleHash
{
    public const int Size = 32;

    // One per thread, reused: a tree of millions of nodes hashes 65 bytes at a time, and OpenSSL's one-shot call costs
    // more in setting a context up and tearing it down than in hashing them.
    [ThreadStatic]
    private static IncrementalHash? nodeHash;

    /// <summary>MTH({}) = SHA-256() — the root of the tree with no entries.</summary>
    public static byte[] EmptyRoot => SHA256.HashData([]);

    /// <summary>MTH({d}) = SHA-256(0x00 ‖ d), d being the entry's canonical bytes.</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> entry)
    {
        var input = new byte[1 + entry.Length]; // zeroed: input[0] is the 0x00 prefix
        entry.CopyTo(input.AsSpan(1));
        return SHA256.HashData(input);
    }

    /// <summary>SHA-256(0x01 ‖ left ‖ right), for two subtree hashes.</summary>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != Size || right.Length != Size)
            throw new ArgumentException($"A node joins two {Size}-byte hashes.");
        Span<byte> input = stackalloc byte[1 + 2 * Size];
        input[0] = 0x01;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + Size)..]);
        var sha = nodeHash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(input);
        return sha.GetHashAndReset();
    }
}
