using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Agreements;

/// <summary>
/// One obligation as the agreement states it: kind, what exactly, the target in its unit (none for a
/// milestone), the due date, and what follows a miss — the cure period in working days and the remedy
/// (with its amount when the agreement fixes one).
/// </summary>
public sealed record ObligationTerms(
    ObligationKind Kind, string Description, decimal? Target, string? Unit, DateOnly DueDate, int CureDays, Remedy Remedy, decimal? RemedyAmount)
{
    public const decimal MaxAmount = 9_999_999_999_999_999m;

    /// <summary>
    /// The terms as stored (trimmed, the milestone's target and unit dropped), or a field error naming the rule.
    /// <paramref name="signedOn"/>: an obligation cannot fall due before the agreement was signed.
    /// </summary>
    public ObligationTerms Checked(DateOnly signedOn, string prefix = "")
    {
        var description = (Description ?? "").Trim();
        if (description.Length is 0)
            throw new FieldRuleException(prefix + nameof(Description), "obligation.description_required");
        if (description.Length > 500)
            throw new FieldRuleException(prefix + nameof(Description), "field.too_long", 500);
        if (!Enum.IsDefined(Kind))
            throw new FieldRuleException(prefix + nameof(Kind), "obligation.kind_unknown");
        if (!Enum.IsDefined(Remedy))
            throw new FieldRuleException(prefix + nameof(Remedy), "obligation.remedy_unknown");
        if (DueDate < signedOn)
            throw new FieldRuleException(prefix + nameof(DueDate), "obligation.due_before_signed", signedOn);
        if (CureDays is < 1 or > 365)
            throw new FieldRuleException(prefix + nameof(CureDays), "obligation.cure_days_range");
        if (RemedyAmount is < 0 or > MaxAmount)
            throw new FieldRuleException(prefix + nameof(RemedyAmount), "field.not_negative");
        if (ObligationKinds.IsMilestone(Kind))
            return this with { Description = description, Target = null, Unit = null };

        if (Target is not { } target || target <= 0)
            throw new FieldRuleException(prefix + nameof(Target), "obligation.target_required");
        if (target > MaxAmount)
            throw new FieldRuleException(prefix + nameof(Target), "field.amount_too_large");
        var unit = (Unit ?? "").Trim();
        var allowed = ObligationKinds.Units(Kind);
        if (unit.Length == 0)
            throw new FieldRuleException(prefix + nameof(Unit), "obligation.unit_required");
        if (allowed is not null && !allowed.Contains(unit))
            throw new FieldRuleException(prefix + nameof(Unit), "obligation.unit_not_allowed", string.Join("、", allowed));
        if (unit.Length > ObligationKinds.MaxUnitLength)
            throw new FieldRuleException(prefix + nameof(Unit), "field.too_long", ObligationKinds.MaxUnitLength);
        return this with { Description = description, Target = Math.Round(target, 2), Unit = unit };
    }
}
