using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Commitments;

public enum RemediationSource { Lapsed, Recorded, Imported }

/// <summary>
/// The pre-2018 list 历史遗留未兑现承诺清单. An item is studied, given a plan, a responsible unit and a
/// deadline, reports progress, and is signed off 销号 with evidence. Missing the deadline escalates
/// to the integrity office like a breach (its own label); a new deadline after escalation is allowed
/// and escalates again if it is missed too.
/// </summary>
public static class RemediationRules
{
    /// <summary>Whether a promise belongs on the list rather than raising breaches: made before 2018 and still owed or lapsed.</summary>
    public static bool BelongsOnList(DateOnly madeOn, CommitmentStatus status) =>
        !CommitmentDeadlines.LapseIsBreach(madeOn) && (CommitmentLifecycle.Running.Contains(status) || status == CommitmentStatus.Lapsed);

    /// <summary>The deadline ends at the end of that day in Beijing; from the next day it is missed.</summary>
    public static bool IsOverdue(DateOnly? deadline, bool signedOff, DateOnly today) => !signedOff && deadline is { } d && today > d;

    public static void EnsureCanSignOff(string? plan, Guid? responsibleUnit, DateOnly? deadline, string? evidence)
    {
        if (string.IsNullOrWhiteSpace(plan) || responsibleUnit is null || deadline is null)
            throw new DomainException("remediation.signoff_needs_plan");
        if (string.IsNullOrWhiteSpace(evidence))
            throw new DomainException("remediation.signoff_needs_evidence");
    }

    /// <summary>Share of items signed off, 0–100, rounded to one decimal; an empty list is 0 % with nothing owed.</summary>
    public static decimal SignedOffShare(int signedOff, int total) => total == 0 ? 0 : Math.Round(100m * signedOff / total, 1);
}
