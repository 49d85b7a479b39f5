using BizEnv.Invest.Domain.Calendar;
using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Defaults;

/// <summary>The remedy an obligation names for its default (stored by name; never renumber).</summary>
public enum DefaultRemedy { RecoverSubsidy, ReduceRebate, TakeBackIdleLand, LiquidatedDamages }

/// <summary>Noticed: the cure period runs; Remedying: the remedy ran and amounts are being recovered; the other three are closed.</summary>
public enum DefaultStatus { Noticed, Remedying, Cured, Recovered, WrittenOff }

/// <summary>The steps of a default, each one a ledger entry "Default.&lt;step&gt;".</summary>
public enum DefaultStep { Noticed, Cured, Remedied, AmountSet, Recovered, Closed }

/// <summary>What the missed obligation says about its default when the default opens.</summary>
public sealed record DefaultTerms(int CureDays, DefaultRemedy Remedy, DateOnly AgreedStart);

/// <summary>
/// The timing rules of a default 违约追偿: the cure period counts working days on the admin's calendar
/// (statutory holidays out, 调休 make-up days in) strictly after the notice date, and ends at the end
/// of its last day in Asia/Shanghai. Land may be taken back only once it has lain unused for two
/// years after the agreed start 收回闲置土地, so that remedy waits for that day if the cure ends sooner.
/// </summary>
public static class DefaultRules
{
    public const int IdleLandYears = 2;

    /// <summary>The last day of the cure period: the <paramref name="cureDays"/>-th working day after the notice date.</summary>
    public static DateOnly CureUntil(WorkingDayCalendar calendar, DateOnly noticeDate, int cureDays)
    {
        if (cureDays is < 1 or > 365)
            throw new DomainException("default.cure_days_range", cureDays);
        return calendar.AddWorkingDays(noticeDate, cureDays); // a year not loaded yet is refused, never guessed
    }

    /// <summary>The end of a business date in Beijing (the first instant of the next day).</summary>
    public static DateTimeOffset EndOf(DateOnly date) => BeijingTime.StartOf(date.AddDays(1));

    /// <summary>The first day land left unused since the agreed start counts as idle land that may be taken back.</summary>
    public static DateOnly IdleLandFrom(DateOnly agreedStart) => agreedStart.AddYears(IdleLandYears);

    /// <summary>When the default is decided: the end of the cure day, and for taking back land not before it has lain idle two years.</summary>
    public static DateTimeOffset DecidesAt(DateOnly cureUntil, DefaultRemedy remedy, DateOnly agreedStart)
    {
        var cureEnds = EndOf(cureUntil);
        if (remedy != DefaultRemedy.TakeBackIdleLand)
            return cureEnds;
        var idle = BeijingTime.StartOf(IdleLandFrom(agreedStart));
        return idle > cureEnds ? idle : cureEnds;
    }
}

/// <summary>
/// One default, as its grain changes it: each method checks the default is still open and at the
/// version the caller saw, applies the rule and moves the version on; the caller writes the steps it
/// returns (row, step rows and ledger entries in one transaction).
/// </summary>
public sealed class ObligationDefault
{
    private ObligationDefault(Guid id, Guid obligationId, DefaultStatus status, DefaultRemedy remedy, DateOnly noticeDate, DateOnly cureUntil,
        DateTimeOffset decidesAt, decimal? amountDue, decimal amountRecovered, int version) =>
        (Id, ObligationId, Status, Remedy, NoticeDate, CureUntil, DecidesAt, AmountDue, AmountRecovered, Version) =
        (id, obligationId, status, remedy, noticeDate, cureUntil, decidesAt, amountDue, amountRecovered, version);

    public Guid Id { get; }
    public Guid ObligationId { get; }
    public DefaultStatus Status { get; private set; }
    public DefaultRemedy Remedy { get; }
    public DateOnly NoticeDate { get; }
    public DateOnly CureUntil { get; }
    public DateTimeOffset DecidesAt { get; }
    public decimal? AmountDue { get; private set; }
    public decimal AmountRecovered { get; private set; }
    public int Version { get; private set; }

    public bool IsOpen => Status is DefaultStatus.Noticed or DefaultStatus.Remedying;

    /// <summary>Owed in full: an amount is due and what was recovered reaches it.</summary>
    public bool FullyRecovered => AmountDue is > 0 && AmountRecovered >= AmountDue;

    /// <summary>The notice 履约催告 for a missed obligation, dated <paramref name="noticeDate"/>, with its cure period.</summary>
    public static ObligationDefault Open(Guid id, Guid obligationId, DateOnly noticeDate, DefaultTerms terms, WorkingDayCalendar calendar)
    {
        var cureUntil = DefaultRules.CureUntil(calendar, noticeDate, terms.CureDays);
        return new(id, obligationId, DefaultStatus.Noticed, terms.Remedy, noticeDate, cureUntil, DefaultRules.DecidesAt(cureUntil, terms.Remedy, terms.AgreedStart),
            null, 0, 1);
    }

    public static ObligationDefault Restore(Guid id, Guid obligationId, DefaultStatus status, DefaultRemedy remedy, DateOnly noticeDate, DateOnly cureUntil,
        DateTimeOffset decidesAt, decimal? amountDue, decimal amountRecovered, int version) =>
        new(id, obligationId, status, remedy, noticeDate, cureUntil, decidesAt, amountDue, amountRecovered, version);

    /// <summary>Whether the default waits for its decision and the moment has come.</summary>
    public bool DecisionDue(DateTimeOffset now) => Status == DefaultStatus.Noticed && now >= DecidesAt;

    /// <summary>
    /// The decision at the end of the cure period: the obligation satisfied (Met or Cured) by then closes the default as
    /// cured; otherwise the remedy runs, with the amount the agreement fixes (null: an officer enters it). Null: not yet
    /// (or decided already — a repeated tick changes nothing).
    /// </summary>
    public DefaultStep? Decide(DateTimeOffset now, bool obligationSatisfied, decimal? remedyAmount)
    {
        if (!DecisionDue(now))
            return null;
        Version++;
        if (obligationSatisfied)
        {
            Status = DefaultStatus.Cured;
            return DefaultStep.Cured;
        }
        Status = DefaultStatus.Remedying;
        AmountDue = remedyAmount;
        return DefaultStep.Remedied;
    }

    /// <summary>The amount to recover, entered where the agreement did not fix it (or corrected); reaching what was recovered closes it.</summary>
    public IReadOnlyList<DefaultStep> SetAmountDue(decimal amount, int version)
    {
        EnsureOpenAt(version);
        EnsureRemedying();
        if (amount < 0)
            throw new FieldRuleException("Amount", "field.not_negative");
        if (amount > 0 && amount < AmountRecovered)
            throw new FieldRuleException("Amount", "default.amount_below_recovered", AmountRecovered);
        AmountDue = amount;
        Version++;
        return CloseIfRecovered(DefaultStep.AmountSet);
    }

    /// <summary>An amount recovered, with its evidence; once the amount due is reached the default is closed.</summary>
    public IReadOnlyList<DefaultStep> Recover(decimal amount, DateOnly receivedOn, string evidence, DateOnly today, int version)
    {
        EnsureOpenAt(version);
        EnsureRemedying();
        if (amount <= 0)
            throw new FieldRuleException("Amount", "default.recovery_amount_positive");
        if (string.IsNullOrWhiteSpace(evidence))
            throw new FieldRuleException("Evidence", "default.evidence_required");
        if (receivedOn > today)
            throw new FieldRuleException("ReceivedOn", "default.received_in_future");
        if (receivedOn < NoticeDate)
            throw new FieldRuleException("ReceivedOn", "default.received_before_notice", NoticeDate);
        AmountRecovered += amount;
        Version++;
        return CloseIfRecovered(DefaultStep.Recovered);
    }

    /// <summary>An officer closes the default with a reason (written off: agreement terminated, land taken back, nothing more to recover).</summary>
    public void Close(string reason, int version)
    {
        EnsureOpenAt(version);
        if (string.IsNullOrWhiteSpace(reason))
            throw new FieldRuleException("Reason", "default.close_reason_required");
        Status = DefaultStatus.WrittenOff;
        Version++;
    }

    private IReadOnlyList<DefaultStep> CloseIfRecovered(DefaultStep step)
    {
        if (!FullyRecovered)
            return [step];
        Status = DefaultStatus.Recovered;
        return [step, DefaultStep.Closed];
    }

    private void EnsureRemedying()
    {
        if (Status != DefaultStatus.Remedying)
            throw new DomainException("default.not_remedying");
    }

    private void EnsureOpenAt(int version)
    {
        if (version != Version)
            throw new VersionConflictException("default", Id);
        if (!IsOpen)
            throw new DomainException("default.closed");
    }
}
