using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BizEnv.Invest.Domain.Commitments;

/// <summary>
/// The ledger's hash chain: hash = SHA-256(prev_hash ‖ canonical), where canonical is the entry's
/// fields joined by line feeds in a fixed order, instants as UTC ISO-8601 with microseconds (what
/// PostgreSQL keeps). The first entry's prev_hash is 32 zero bytes.
/// </summary>
public static class LedgerHash
{
    public static readonly byte[] Genesis = new byte[32];

    public static byte[] Canonical(long seq, Guid commitmentId, string @event, string actor, DateTimeOffset at, string? reason, string state) =>
        Encoding.UTF8.GetBytes(string.Join('\n',
            seq.ToString(CultureInfo.InvariantCulture), commitmentId.ToString("D"), @event, actor,
            Truncate(at).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture), reason ?? "", state));

    public static byte[] Compute(ReadOnlySpan<byte> prevHash, ReadOnlySpan<byte> canonical)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(prevHash);
        sha.AppendData(canonical);
        return sha.GetHashAndReset();
    }

    /// <summary>PostgreSQL keeps microseconds: hash exactly what will be stored.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);
}
