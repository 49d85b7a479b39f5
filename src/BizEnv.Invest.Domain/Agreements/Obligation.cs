using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Agreements;

/// <summary>
/// A progress figure: a value in the obligation's unit (measured kinds) or the day a milestone was
/// reached, as of a date, with its evidence and where it came from. <see cref="ReachedOn"/> on a measured
/// reading is the day the target was first reached, when the reading knows it (the 到资 that crossed it).
/// </summary>
public sealed record ProgressReading(decimal? Value, DateOnly? ReachedOn, DateOnly AsOf, string Evidence, ProgressSource Source);

/// <summary>A change of an obligation with its ledger event (Obligation.Progress / Met / Missed / Cured).</summary>
public sealed record ObligationChange(string Event, ObligationStatus From, ObligationStatus To, string? Reason)
{
    /// <summary>The changes the defaults and the conditional promises hear about.</summary>
    public bool SettlesStatus => To != From && To is ObligationStatus.Met or ObligationStatus.Missed or ObligationStatus.Cured;
}

/// <summary>
/// An investor's obligation 企业履约义务 and its progress rules. Met when the target (a milestone: its stage
/// date) is reached by the due date; Missed once the due date has ended unmet — at 00:00 Asia/Shanghai the
/// next day, like a promise's lapse; Cured when reached after it was Missed. Met and Cured are final:
/// later figures are still kept, the status stays. Methods return the obligation after the change with the
/// ledger events, or no change at all.
/// </summary>
public sealed record Obligation(
    Guid Id, Guid AgreementId, ObligationTerms Terms, decimal? Progress, DateOnly? ReachedOn, ObligationStatus Status, DateOnly? MetOn, int Version)
{
    public const int MaxEvidence = 1000;

    public static Obligation New(Guid id, Guid agreementId, ObligationTerms checkedTerms) =>
        new(id, agreementId, checkedTerms, null, null, ObligationStatus.Open, null, 1);

    /// <summary>The instant the due date ends in Beijing.</summary>
    public DateTimeOffset MissAt => BeijingTime.StartOf(Terms.DueDate.AddDays(1));

    public bool IsSatisfied => Status is ObligationStatus.Met or ObligationStatus.Cured;

    /// <summary>When the grain must look again: the due date's end while Open; nothing else is timed here.</summary>
    public DateTimeOffset? NextDeadline => Status == ObligationStatus.Open ? MissAt : null;

    /// <summary>The due date has ended unmet: Missed (once). Null when it is not time, or already decided.</summary>
    public (Obligation After, ObligationChange Change)? Miss(DateTimeOffset now)
    {
        if (Status != ObligationStatus.Open || now < MissAt)
            return null;
        return (this with { Status = ObligationStatus.Missed, Version = Version + 1 },
            new ObligationChange("Obligation.Missed", Status, ObligationStatus.Missed, Coded.Text("obligation.missed_reason", Terms.DueDate)));
    }

    /// <summary>The day the target counts as reached by this reading, or null when it is not reached.</summary>
    public DateOnly? ReachedBy(ProgressReading r)
    {
        if (ObligationKinds.IsMilestone(Terms.Kind))
            return r.ReachedOn;
        return r.Value is { } v && v >= Terms.Target ? r.ReachedOn ?? r.AsOf : null;
    }

    /// <summary>
    /// Applies a figure. An entered one needs evidence and a measured kind typed in (milestones and 到资 come
    /// from the project); a project one that says nothing new changes nothing (null). Before the figure counts,
    /// a due date already ended unmet is marked Missed; then reached by the due date → Met, reached after a
    /// miss → Cured. <paramref name="today"/> (Beijing) bounds the dates a figure may carry.
    /// </summary>
    public (Obligation After, IReadOnlyList<ObligationChange> Changes)? Apply(ProgressReading r, DateTimeOffset now, DateOnly today)
    {
        if (r.Source == ProgressSource.Entered)
        {
            if (ObligationKinds.FromProject(Terms.Kind))
                throw new DomainException("obligation.progress_from_project");
            if (r.Value is not { } value || value < 0)
                throw new FieldRuleException("Value", "obligation.progress_value_required");
            if (value > ObligationTerms.MaxAmount)
                throw new FieldRuleException("Value", "field.amount_too_large");
            if (string.IsNullOrWhiteSpace(r.Evidence))
                throw new FieldRuleException("Evidence", "obligation.evidence_required");
            if (r.Evidence.Trim().Length > MaxEvidence)
                throw new FieldRuleException("Evidence", "field.too_long", MaxEvidence);
        }
        if (r.Source == ProgressSource.Entered && r.AsOf > today)
            throw new FieldRuleException("AsOf", "obligation.progress_in_future");

        var reached = ReachedBy(r);
        var figureChanged = r.Value != Progress || r.ReachedOn != ReachedOn;
        var changes = new List<ObligationChange>();
        var current = this with { Progress = r.Value ?? Progress, ReachedOn = r.ReachedOn ?? ReachedOn };
        // Reached by the due date and not yet marked: Met, even if the figure arrives after the day ended.
        var metInTime = Status == ObligationStatus.Open && reached <= Terms.DueDate;
        if (!metInTime && Miss(now) is { } missed)
        {
            current = current with { Status = ObligationStatus.Missed };
            changes.Add(missed.Change);
        }
        if (r.Source == ProgressSource.Project && !figureChanged && changes.Count == 0)
            return null;
        if (figureChanged || r.Source == ProgressSource.Entered)
            changes.Add(new ObligationChange("Obligation.Progress", current.Status, current.Status, null));
        if (reached is { } day)
        {
            if (metInTime)
            {
                changes.Add(new ObligationChange("Obligation.Met", ObligationStatus.Open, ObligationStatus.Met, Coded.Text("obligation.met_reason", day)));
                current = current with { Status = ObligationStatus.Met, MetOn = day };
            }
            else if (current.Status == ObligationStatus.Missed)
            {
                // Reached after the miss (or proven only now): the default opened on the miss, the cure closes it.
                changes.Add(new ObligationChange("Obligation.Cured", ObligationStatus.Missed, ObligationStatus.Cured, Coded.Text("obligation.cured_reason", day)));
                current = current with { Status = ObligationStatus.Cured, MetOn = day };
            }
        }
        current = current with { Version = Version + 1 };
        return (current, changes);
    }
}
