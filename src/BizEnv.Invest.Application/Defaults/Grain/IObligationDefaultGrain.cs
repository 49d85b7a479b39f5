using BizEnv.Invest.Application.Common.Grains;
using Orleans;

namespace BizEnv.Invest.Application.Defaults.Grain;

/// <summary>
/// The default 违约追偿 of one investor obligation, keyed by the obligation's id: the single writer of its
/// obligation_defaults row, its steps and recoveries. It opens when the obligation is Missed (the notice
/// 履约催告 with its cure period), decides at the end of the cure day by its reminder (cured, or the
/// obligation's remedy runs), and takes the officers' recoveries, amount due and close.
/// </summary>
public interface IObligationDefaultGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Opens the default of a Missed obligation: the notice dated today (Beijing) with its cure period, ledger
    /// entry Default.Noticed, and the reminder at the cure end. Idempotent: a default already there is answered
    /// with its id; an obligation that is not Missed (or does not exist) gets none (null). Called after the
    /// obligation's Missed commits and by every node's reader for Missed obligations left without one.
    /// </summary>
    Task<Guid?> Open();

    /// <summary>
    /// The cure-end reminder's tick (callable to decide at once): once the cure day has ended, an obligation then
    /// satisfied closes the default as cured (Default.Cured), otherwise the remedy runs (Default.Remedied) — once,
    /// however many ticks arrive from however many nodes.
    /// </summary>
    Task Check();

    /// <summary>An amount recovered with its evidence (Default.Recovered); reaching the amount due closes it (Default.Closed).</summary>
    Task<GrainReply> Recover(DefaultRecovery recovery, CommandContext context);

    /// <summary>The amount due, where the agreement did not fix it or it is corrected (Default.AmountSet).</summary>
    Task<GrainReply> SetAmount(DefaultAmount amount, CommandContext context);

    /// <summary>An officer closes the default with a reason (written off; Default.Closed).</summary>
    Task<GrainReply> Close(DefaultClosure closure, CommandContext context);
}

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.DefaultRecovery")]
public sealed record DefaultRecovery(
    [property: Id(0)] Guid DefaultId, [property: Id(1)] decimal Amount, [property: Id(2)] DateOnly ReceivedOn, [property: Id(3)] string Evidence,
    [property: Id(4)] int Version, [property: Id(5)] Guid UserId);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.DefaultAmount")]
public sealed record DefaultAmount(
    [property: Id(0)] Guid DefaultId, [property: Id(1)] decimal Amount, [property: Id(2)] string? Note, [property: Id(3)] int Version, [property: Id(4)] Guid UserId);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.DefaultClosure")]
public sealed record DefaultClosure(
    [property: Id(0)] Guid DefaultId, [property: Id(1)] string Reason, [property: Id(2)] int Version, [property: Id(3)] Guid UserId);
