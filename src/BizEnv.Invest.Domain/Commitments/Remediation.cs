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

    /// <summary>When an item escalates: from the day after its deadline (the deadline is the whole of that day in Beijing).</summary>
    public static DateTimeOffset EscalationInstant(DateOnly deadline) => BeijingTime.StartOf(deadline.AddDays(1));

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

/// <summary>
/// One item of the list as its keeper (the list's grain) changes it: each method checks the item is
/// still open and at the version the caller saw, applies the rule, and moves the version on. The
/// escalation is not a change of the item: it is a fact about one deadline, raised once per deadline.
/// </summary>
public sealed class RemediationItem
{
    private RemediationItem(Guid commitmentId, string? plan, Guid? responsibleUnitId, DateOnly? deadline, int progressPercent, bool signedOff, int version) =>
        (CommitmentId, Plan, ResponsibleUnitId, Deadline, ProgressPercent, SignedOff, Version) =
        (commitmentId, plan, responsibleUnitId, deadline, progressPercent, signedOff, version);

    public Guid CommitmentId { get; }
    public string? StudyNotes { get; private set; }
    public string? Plan { get; private set; }
    public Guid? ResponsibleUnitId { get; private set; }
    public DateOnly? Deadline { get; private set; }
    public int ProgressPercent { get; private set; }
    public bool SignedOff { get; private set; }
    public string? Evidence { get; private set; }
    public int Version { get; private set; }

    public static RemediationItem Restore(Guid commitmentId, string? plan, Guid? responsibleUnitId, DateOnly? deadline, int progressPercent, bool signedOff,
        int version) => new(commitmentId, plan, responsibleUnitId, deadline, progressPercent, signedOff, version);

    /// <summary>The study and plan, revisable while open; the deadline may not be in the past (a new one after a missed one is fine).</summary>
    public void PlanWith(string studyNotes, string plan, Guid responsibleUnitId, DateOnly deadline, DateOnly today, int version)
    {
        EnsureOpenAt(version);
        if (string.IsNullOrWhiteSpace(studyNotes))
            throw new FieldRuleException("StudyNotes", "remediation.study_required");
        if (string.IsNullOrWhiteSpace(plan))
            throw new FieldRuleException("Plan", "remediation.plan_required");
        if (responsibleUnitId == Guid.Empty)
            throw new FieldRuleException("ResponsibleUnitId", "remediation.unit_required");
        if (deadline < today)
            throw new FieldRuleException("Deadline", "remediation.deadline_past");
        (StudyNotes, Plan, ResponsibleUnitId, Deadline) = (studyNotes.Trim(), plan.Trim(), responsibleUnitId, deadline);
        Version++;
    }

    /// <summary>How far along it is, 0–99 % (100 % is the sign-off).</summary>
    public void Report(string note, int progressPercent, int version)
    {
        EnsureOpenAt(version);
        if (string.IsNullOrWhiteSpace(note))
            throw new FieldRuleException("Note", "remediation.progress_note_required");
        if (progressPercent is < 0 or > 99)
            throw new FieldRuleException("ProgressPercent", "remediation.progress_range");
        ProgressPercent = progressPercent;
        Version++;
    }

    /// <summary>销号: only a planned item, with evidence; final.</summary>
    public void SignOff(string evidence, int version)
    {
        EnsureOpenAt(version);
        RemediationRules.EnsureCanSignOff(Plan, ResponsibleUnitId, Deadline, evidence);
        (SignedOff, Evidence, ProgressPercent) = (true, evidence.Trim(), 100);
        Version++;
    }

    /// <summary>When its current deadline escalates; null when there is nothing to watch (no deadline yet, or signed off).</summary>
    public DateTimeOffset? EscalatesAt => !SignedOff && Deadline is { } d ? RemediationRules.EscalationInstant(d) : null;

    /// <summary>Whether its current deadline has been missed by <paramref name="now"/> (raised once per deadline by the caller's unique key).</summary>
    public bool EscalationDue(DateTimeOffset now) => EscalatesAt is { } at && now >= at;

    private void EnsureOpenAt(int version)
    {
        if (version != Version)
            throw new VersionConflictException("remediation", CommitmentId);
        if (SignedOff)
            throw new DomainException("remediation.signed_off");
    }
}
