using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Application.Idempotency;

/// <summary>
/// The client's name for one intended change (header <c>Idempotency-Key</c>, or the key a page
/// gives each submission): 1–200 visible ASCII characters other than comma and double quote
/// (so that two header values joined by a comma are refused, not taken as one key). The quoted
/// form of the IETF draft (<c>"8e03978e-…"</c>) is accepted and means the same key as the bare form.
/// </summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;

    /// <summary>The key as stored, or a refusal (400) naming the rule; null when no key was given.</summary>
    public static string? Normalize(string? raw)
    {
        if (raw is null)
            return null;
        var key = raw.Trim();
        if (key.Length >= 2 && key[0] == '"' && key[^1] == '"')
            key = key[1..^1];
        if (key.Length is 0 or > MaxLength || key.Any(c => c is < '!' or > '~' or ',' or '"'))
            throw new DomainException("idempotency.key_invalid", MaxLength);
        return key;
    }
}
