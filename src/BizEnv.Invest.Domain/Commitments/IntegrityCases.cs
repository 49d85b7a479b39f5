using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Commitments;

/// <summary>The accountability outcomes of a confirmed breach, lightest first.</summary>
public enum AccountabilityOutcome
{
    CriticismEducation,   // 批评教育
    WrittenInquiry,       // 函询
    AdmonishmentTalk,     // 诫勉谈话
    NoticeOrTransfer,     // 通报、调岗
    DisciplinaryAction,   // 纪律处分
    NoLiability,          // 经调查不予问责 (the investigation found nobody at fault)
}

public enum CaseStatus { Investigating, Rectifying, Closed }

/// <summary>What part a person played in the breach.</summary>
public enum Responsibility { Direct, Leadership, Supervisory }

/// <summary>
/// A case runs a confirmed breach to an outcome: investigate (investigator, responsible persons) →
/// report the outcome within 30 days of referral → rectify (every action done) → close. A case
/// whose result has not been reported by the deadline is overdue and flagged until it is.
/// </summary>
public static class IntegrityCaseRules
{
    /// <summary>Calendar days, not working days: the rule says "within 30 days".</summary>
    public const int ResultReportDays = 30;

    public static DateOnly ResultDue(DateOnly openedOn) => openedOn.AddDays(ResultReportDays);

    /// <summary>Overdue from the day after the deadline while no outcome has been reported.</summary>
    public static bool IsOverdue(DateOnly resultDue, bool outcomeReported, DateOnly today) => !outcomeReported && today > resultDue;

    public static void EnsureCanReportOutcome(CaseStatus status)
    {
        if (status != CaseStatus.Investigating)
            throw new DomainException("case.outcome_already_reported");
    }

    public static void EnsureOpen(CaseStatus status)
    {
        if (status == CaseStatus.Closed)
            throw new DomainException("case.closed");
    }

    /// <summary>Closure needs the outcome, at least one responsible person unless nobody was at fault, and every rectification done.</summary>
    public static void EnsureCanClose(CaseStatus status, AccountabilityOutcome? outcome, int responsiblePersons, int openRectifications)
    {
        EnsureOpen(status);
        if (outcome is null)
            throw new DomainException("case.close_needs_outcome");
        if (outcome != AccountabilityOutcome.NoLiability && responsiblePersons == 0)
            throw new DomainException("case.close_needs_person");
        if (openRectifications > 0)
            throw new DomainException("case.close_needs_rectification_done", openRectifications);
    }

    /// <summary>Case numbers: 失信-2026-0001, a running sequence per year.</summary>
    public static string Number(int year, int sequence) => $"失信-{year}-{sequence:D4}";
}
