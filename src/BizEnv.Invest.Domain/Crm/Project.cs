using System.Collections.Immutable;
using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Crm;

/// <summary>A stage change waiting for a leader's review, with the stage date the project had before it (a rejection restores both).</summary>
public sealed record PendingStageReview(Guid ChangeId, ProjectStage From, ProjectStage To, DateOnly PreviousStageDate);

/// <summary>How a stage change stands with review: units that require it have every change reviewed.</summary>
public enum StageReviewStatus
{
    NotRequired,
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// A project 招商项目 as its rules see it: where it is in the stage machine, what waits for review, its
/// "five ones" issue list, its concierge pair. Every method checks the current state and returns the
/// change with the project as it is after it; nothing changes until the caller has stored the change
/// and takes the new state. Each change raises the version by one (the version an edit form saw is how
/// a stale edit is told apart).
/// </summary>
public sealed record Project(
    Guid Id, string Number, Guid UnitId, KeyProjectLevel KeyLevel, ProjectStage Stage, DateOnly StageDate, int Version, bool UnitRequiresReview,
    PendingStageReview? PendingReview, ConciergePair? Concierge, ImmutableDictionary<Guid, bool> IssuesResolved, ImmutableHashSet<Guid> StageChanges)
{
    /// <summary>A new project: a lead, version 1, no history, with its unified number 统一编号 (kept for life: nothing here changes it).</summary>
    public static Project New(Guid id, string number, Guid unitId, KeyProjectLevel level, DateOnly stageDate, bool unitRequiresReview)
    {
        if (!UnifiedNumber.IsWellFormed(number))
            throw new DomainException("project.number_malformed", number);
        return new(id, number, unitId, level, ProjectStage.Lead, stageDate, 1, unitRequiresReview, null, null, ImmutableDictionary<Guid, bool>.Empty, []);
    }

    public ConciergeGap Gap => ConciergePair.GapOf(Concierge, KeyLevel, Stage);

    private Project Bumped() => this with { Version = Version + 1 };

    private void EnsureSeen(int seenVersion)
    {
        if (seenVersion != Version)
            throw new VersionConflictException("project", Id);
    }

    /// <summary>The figures and "five ones" of the project edited from the version the officer saw.</summary>
    public Decided<ProjectEdited> Edit(KeyProjectLevel level, int seenVersion)
    {
        EnsureSeen(seenVersion);
        return new(Bumped() with { KeyLevel = level }, new ProjectEdited(Version));
    }

    /// <summary>
    /// One step forward, or termination with a reason; never on a date before the current stage's,
    /// never while an earlier change still waits for review. In a unit that requires review the change
    /// takes effect at once and waits for a leader's approval (a rejection puts the project back).
    /// </summary>
    public Decided<StageChanged> ChangeStage(Guid changeId, ProjectStage to, DateOnly date, string? terminationReason, int seenVersion)
    {
        EnsureSeen(seenVersion);
        ProjectStages.EnsureAllowed(Stage, to, terminationReason);
        if (date < StageDate)
            throw new FieldRuleException("StageDate", "project.stage_date_before_previous", StageDate);
        if (PendingReview is not null)
            throw new DomainException("project.review_pending");
        var review = UnitRequiresReview ? StageReviewStatus.Pending : StageReviewStatus.NotRequired;
        var reason = to == ProjectStage.Terminated ? terminationReason!.Trim() : null;
        var next = Bumped() with
        {
            Stage = to,
            StageDate = date,
            PendingReview = review == StageReviewStatus.Pending ? new PendingStageReview(changeId, Stage, to, StageDate) : null,
            StageChanges = StageChanges.Add(changeId),
        };
        return new(next, new StageChanged(changeId, Stage, to, date, StageDate, review, reason, Version));
    }

    /// <summary>A leader approves the pending change, or rejects it: then the project goes back to the stage and date it came from.</summary>
    public Decided<StageReviewed> Review(Guid changeId, bool approve)
    {
        if (PendingReview is not { } pending || pending.ChangeId != changeId)
            throw new DomainException("review.not_pending");
        var revert = !approve && Stage == pending.To;
        var next = Bumped() with
        {
            PendingReview = null,
            Stage = revert ? pending.From : Stage,
            StageDate = revert ? pending.PreviousStageDate : StageDate,
        };
        return new(next, new StageReviewed(changeId, approve ? StageReviewStatus.Approved : StageReviewStatus.Rejected,
            revert ? pending.From : null, revert ? pending.PreviousStageDate : null, Version));
    }

    /// <summary>Investment in place 到资 on a day not after today, on a project that was not terminated.</summary>
    public Decided<InvestmentRecorded> RecordInvestment(Guid entryId, DateOnly onDate, decimal amount, DateOnly today)
    {
        if (Stage == ProjectStage.Terminated)
            throw new DomainException("project.terminated");
        if (onDate > today)
            throw new FieldRuleException("OnDate", "project.investment_in_future");
        if (amount <= 0)
            throw new FieldRuleException("Amount", "project.investment_positive");
        return new(Bumped(), new InvestmentRecorded(entryId, onDate, amount, Version));
    }

    /// <summary>An item on the issue list 问题清单 ("five ones").</summary>
    public Decided<IssueAdded> AddIssue(Guid issueId)
    {
        if (IssuesResolved.ContainsKey(issueId))
            throw new DomainException("issue.already_added");
        return new(Bumped() with { IssuesResolved = IssuesResolved.Add(issueId, false) }, new IssueAdded(issueId, Version));
    }

    /// <summary>An open issue of this project resolved; one not on its list is not found (null), one resolved already is refused.</summary>
    public Decided<IssueResolved>? ResolveIssue(Guid issueId)
    {
        if (!IssuesResolved.TryGetValue(issueId, out var resolved))
            return null;
        if (resolved)
            throw new DomainException("issue.already_resolved");
        return new(Bumped() with { IssuesResolved = IssuesResolved.SetItem(issueId, true) }, new IssueResolved(issueId, Version));
    }

    /// <summary>Evidence for the project or for one of its own stage changes.</summary>
    public Decided<FileAttached> AttachFile(Guid fileId, Guid? stageChangeId)
    {
        if (stageChangeId is { } change && !StageChanges.Contains(change))
            throw new FieldRuleException("StageChangeId", "file.stage_change_unknown");
        return new(Bumped(), new FileAttached(fileId, Version));
    }

    /// <summary>
    /// A new concierge pair (the AB-角 rule). Replacing someone who serves now is a handover and needs
    /// a reason; filling a gap (an officer left) replaces nobody and needs none. The same pair again is
    /// no change (null).
    /// </summary>
    public Decided<ConciergeAssigned>? AssignConcierge(Guid a, Guid? b, string? handoverReason)
    {
        if (ProjectStages.IsFinal(Stage))
            throw new DomainException("project.stage_final", Stage);
        ConciergeRules.EnsureValid(a, b, KeyLevel);
        var pair = new ConciergePair(a, b);
        if (Concierge == pair)
            return null;
        var replacesSomeone = Concierge is { } now && ((now.A is { } oldA && oldA != a) || (now.B is { } oldB && oldB != b));
        if (replacesSomeone && string.IsNullOrWhiteSpace(handoverReason))
            throw new FieldRuleException("HandoverReason", "concierge.handover_reason_required");
        var reason = string.IsNullOrWhiteSpace(handoverReason) ? null : handoverReason.Trim();
        return new(Bumped() with { Concierge = pair }, new ConciergeAssigned(Concierge is not null, reason, pair, Version));
    }

    /// <summary>
    /// An officer of the pair leaves (disabled or moved, 新官理旧账): their named successor takes their role,
    /// A or B, and the current assignment ends with the reason kept in the history. A successor who
    /// already held the other role keeps the A role and the B role becomes a gap to fill (the AB-角 rule
    /// wants two people). Null when the officer does not serve this project (nothing to move).
    /// </summary>
    public Decided<ConciergeAssigned>? HandOverConcierge(Guid officer, Guid successor, string reason)
    {
        if (Concierge is not { } now || !now.Serves(officer))
            return null;
        if (officer == successor)
            throw new DomainException("handover.successor_is_leaving");
        var a = now.A == officer ? successor : now.A;
        var b = now.B == officer ? successor : now.B;
        var pair = a == b ? new ConciergePair(a, null) : new ConciergePair(a, b);
        return new(Bumped() with { Concierge = pair }, new ConciergeAssigned(true, reason, pair, Version));
    }
}

/// <summary>A decision: the change to store, and the project as it is once it is stored.</summary>
public sealed record Decided<TChange>(Project Next, TChange Change);

/// <summary>Every change names the version it was decided on: it is stored only over that version.</summary>
public sealed record ProjectEdited(int Version);

/// <summary>A move from one stage (and the date it had) to the next; <see cref="PreviousStageDate"/> is what a rejection restores.</summary>
public sealed record StageChanged(
    Guid ChangeId, ProjectStage From, ProjectStage To, DateOnly StageDate, DateOnly PreviousStageDate, StageReviewStatus Review, string? TerminatedReason, int Version);

public sealed record StageReviewed(Guid ChangeId, StageReviewStatus Outcome, ProjectStage? RevertedTo, DateOnly? RevertedDate, int Version);

public sealed record InvestmentRecorded(Guid EntryId, DateOnly OnDate, decimal Amount, int Version);

public sealed record IssueAdded(Guid IssueId, int Version);

public sealed record IssueResolved(Guid IssueId, int Version);

public sealed record FileAttached(Guid FileId, int Version);

/// <summary>The current assignment (if any) ends with <see cref="HandoverReason"/>; <see cref="Pair"/> (if any) starts.</summary>
public sealed record ConciergeAssigned(bool EndsCurrent, string? HandoverReason, ConciergePair? Pair, int Version);
