namespace BizEnv.Invest.Domain.Commitments;

/// <summary>One limit: what a role in a unit may promise of a kind (null value: any amount).</summary>
public sealed record AuthorityLimit(CommitmentKind Kind, decimal? MaxValue);

/// <summary>
/// Whether a promise binds at once. Without a policy basis, or with a kind or a value beyond every
/// limit the promiser holds, it is held for approval — and the reason says which rule it broke.
/// </summary>
public static class AuthorityCheck
{
    public sealed record Verdict(bool Binding, string? ReasonCode, object[] ReasonArgs);

    public static Verdict Evaluate(IEnumerable<AuthorityLimit> limits, CommitmentKind kind, decimal? value, bool hasPolicyBasis)
    {
        if (!hasPolicyBasis)
            return new Verdict(false, "authority.no_policy_basis", []);
        var ofKind = limits.Where(l => l.Kind == kind).ToList();
        if (ofKind.Count == 0)
            return new Verdict(false, "authority.kind_not_allowed", [kind]);
        if (ofKind.Any(l => l.MaxValue is null))
            return new Verdict(true, null, []);
        var max = ofKind.Max(l => l.MaxValue!.Value);
        return value is { } v && v > max
            ? new Verdict(false, "authority.value_exceeds", [kind, v, max])
            : new Verdict(true, null, []);
    }
}
