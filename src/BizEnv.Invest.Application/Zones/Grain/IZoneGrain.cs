using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Zones;
using Orleans;

namespace BizEnv.Invest.Application.Zones.Grain;

/// <summary>
/// A development zone as a live object, keyed by the zone's id: the single place capacity is taken.
/// Its calls run one at a time, so two promises for the last 50 亩 queue here — no row locks, no
/// deadlocks — and the second hears why not. Capacity is only ever taken here; elsewhere it is only
/// given back (which can never oversell), so each decision reads the zone's books fresh and is right.
/// </summary>
public interface IZoneGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Holds capacity for a binding promise (idempotent by the promise's id: a second hold for it is
    /// the first). The promise confirms the hold once it has committed, or releases it if it cannot;
    /// a hold neither confirmed nor released within the hold timeout is settled by asking the promise.
    /// </summary>
    Task<GrainReply> Hold(CapacityHold hold);

    /// <summary>The promise holding this capacity has committed: the hold becomes a reservation.</summary>
    Task Confirm(Guid promiseId);

    /// <summary>Gives back what a promise held (not recorded after all, fulfilled or cancelled); nothing to give back is fine.</summary>
    Task Release(Guid promiseId, string reason);

    /// <summary>
    /// Settles the holds past their timeout: each promise is asked whether it committed with its hold
    /// (confirmed) or not (released). The zone's reminder tick; callable to settle at once.
    /// </summary>
    Task SettleExpiredHolds();

    /// <summary>A project reserves capacity (firm, or "intended" before signing).</summary>
    Task<GrainReply> Reserve(ZoneReservation reservation, CommandContext context);

    /// <summary>A project's reservation given back, with the reason.</summary>
    Task<GrainReply> ReleaseReservation(Guid reservationId, string reason, CommandContext context);

    /// <summary>A park manager sets the zone's total of one resource (never below what is reserved).</summary>
    Task<GrainReply> SetTotal(ZoneTotal total, CommandContext context);

    /// <summary>A park manager sets one readiness checklist item.</summary>
    Task<GrainReply> SetReadiness(ZoneReadiness readiness, CommandContext context);
}

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.CapacityHold")]
public sealed record CapacityHold(
    [property: Id(0)] Guid PromiseId, [property: Id(1)] Guid ProjectId, [property: Id(2)] Resource Resource, [property: Id(3)] decimal Amount,
    [property: Id(4)] DateOnly DeliverBy, [property: Id(5)] Guid UserId);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.ZoneReservation")]
public sealed record ZoneReservation(
    [property: Id(0)] Guid ProjectId, [property: Id(1)] Resource Resource, [property: Id(2)] decimal Amount, [property: Id(3)] bool Intended,
    [property: Id(4)] Guid UserId);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.ZoneTotal")]
public sealed record ZoneTotal(
    [property: Id(0)] Resource Resource, [property: Id(1)] decimal NewTotal, [property: Id(2)] string Reason, [property: Id(3)] int Version,
    [property: Id(4)] Guid UserId);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.ZoneReadiness")]
public sealed record ZoneReadiness(
    [property: Id(0)] ReadinessItem Item, [property: Id(1)] ReadinessStatus Status, [property: Id(2)] DateOnly? ExpectedDate, [property: Id(3)] string Reason,
    [property: Id(4)] int Version, [property: Id(5)] Guid UserId);
