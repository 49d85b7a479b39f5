using BizEnv.Invest.Application.Commitments.Remediation.GetRemediationSummary;
using BizEnv.Invest.Application.Common.Grains;
using Orleans;

namespace BizEnv.Invest.Application.Commitments.Remediation.Grain;

/// <summary>
/// The pre-2018 list 历史遗留未兑现承诺清单 as a live object: the one writer of its items — who joins
/// it, each item's plan, progress and sign-off 销号 — and the watcher of each item's remediation
/// deadline (a reminder per item). One grain for the whole list (key <see cref="RemediationListKeys.Only"/>):
/// the list is closed history (only promises made before 2018 join, a few thousand at most) and is
/// supervised as one list by one office, so one writer costs nothing in throughput, answers the
/// per-unit figures from one place, and needs no coordination between grains. Handlers authorize and
/// validate, then call it; lists and items are read by queries.
/// </summary>
public interface IRemediationListGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Puts the queued joins on the list (remediation_joins, written with their cause): each item once,
    /// by its promise's id, with its RemediationListed ledger entry; returns how many rows were taken.
    /// Called by whoever queued right after their commit, and by every node's join reader.
    /// </summary>
    Task<int> TakeJoins();

    /// <summary>The study and the plan: notes, plan, responsible unit, deadline (revisable while open; a new deadline is watched anew).</summary>
    Task<GrainReply> Plan(RemediationPlan plan, CommandContext context);

    /// <summary>A progress report, 0–99 %.</summary>
    Task<GrainReply> ReportProgress(RemediationReport report, CommandContext context);

    /// <summary>销号 with evidence; final, and the deadline is no longer watched.</summary>
    Task<GrainReply> SignOff(RemediationSignOff signOff, CommandContext context);

    /// <summary>Progress of the list per responsible unit (items not yet assigned count under the promising unit), unit names in English or Chinese.</summary>
    Task<IReadOnlyList<RemediationUnitProgress>> UnitProgress(bool english);

    /// <summary>
    /// An item's deadline tick: once its deadline has passed unsigned, a RemediationOverdue alert and a
    /// RemediationEscalated ledger entry — once per deadline (the alert's unique key) — and the reminder
    /// is dropped; early, the reminder is set again. Idempotent; the reminder's period is its retry.
    /// </summary>
    Task CheckDeadline(Guid commitmentId);
}

public static class RemediationListKeys
{
    /// <summary>The key of the one list.</summary>
    public const long Only = 0;
}

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.RemediationPlan")]
public sealed record RemediationPlan(
    [property: Id(0)] Guid CommitmentId, [property: Id(1)] string StudyNotes, [property: Id(2)] string Plan, [property: Id(3)] Guid ResponsibleUnitId,
    [property: Id(4)] DateOnly Deadline, [property: Id(5)] int Version);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.RemediationReport")]
public sealed record RemediationReport(
    [property: Id(0)] Guid CommitmentId, [property: Id(1)] string Note, [property: Id(2)] int ProgressPercent, [property: Id(3)] int Version,
    [property: Id(4)] Guid UserId);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.RemediationSignOff")]
public sealed record RemediationSignOff(
    [property: Id(0)] Guid CommitmentId, [property: Id(1)] string Evidence, [property: Id(2)] int Version, [property: Id(3)] Guid UserId);
