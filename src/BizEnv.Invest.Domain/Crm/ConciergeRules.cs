using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Crm;

/// <summary>
/// The AB-角 rule of the concierge 店小二 service: an A officer (primary) and a B officer (covers
/// when A is away), two different people; a key project must have both.
/// </summary>
public static class ConciergeRules
{
    public static void EnsureValid(Guid? a, Guid? b, KeyProjectLevel level)
    {
        if (a is not null && a == b)
            throw new DomainException("concierge.a_equals_b");
        if (level != KeyProjectLevel.None && (a is null || b is null))
            throw new DomainException("concierge.key_project_needs_both");
        if (a is null && b is not null)
            throw new DomainException("concierge.b_without_a");
    }
}
