using System.Security.Cryptography;
using System.Text;

namespace BizEnv.Invest.Application.Commitments.Promises;

/// <summary>Ids of new promises.</summary>
public static class PromiseIds
{
    /// <summary>
    /// The id a promise recorded under an Idempotency-Key gets: the same user and key always name the
    /// same promise, so a repeat (even one racing the first) reaches the same grain, which answers it
    /// as the first — one promise, one hold, never two.
    /// </summary>
    public static Guid ForKey(Guid userId, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"promise\n{userId:N}\n{key}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // version 8 (name-based, custom hash)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}
