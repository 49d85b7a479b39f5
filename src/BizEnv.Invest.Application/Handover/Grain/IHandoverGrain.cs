using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Handover;
using Orleans;

namespace BizEnv.Invest.Application.Handover.Grain;

/// <summary>
/// One handover 工作交接 as a live object, keyed by the handover's id: the single writer of its
/// <c>handovers</c> row and its <c>handover_items</c>. Keyed by the handover rather than by the successor
/// because the handover is the unit of work and of resumption — its reminder drives it to completion
/// after a crash midway — and because two handovers to one successor are independent and need not queue.
/// Each item moves through its kind's owner (<see cref="IHandoverKind"/>), which writes the item's change
/// and its <c>Handover.Assigned</c> ledger entry in one transaction; the grain then records the item as moved.
/// </summary>
public interface IHandoverGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Records the handover and its items (once: starting the same id again records nothing new), then
    /// moves every item. Answers a <see cref="HandoverSummary"/>; items that could not move now stay
    /// pending and the handover's reminder moves them later.
    /// </summary>
    Task<GrainReply> Start(HandoverPlan plan, CommandContext context);

    /// <summary>Moves the items still pending (the reminder's tick, or anyone who wants it finished now).</summary>
    Task<HandoverSummary> Resume();

    /// <summary>The successor confirms one item (Handover.Acknowledged ledger entry under the item's id).</summary>
    Task<GrainReply> Acknowledge(HandoverAcknowledgement acknowledgement, CommandContext context);

    /// <summary>The successor confirms every moved item of this handover at once.</summary>
    Task<GrainReply> AcknowledgeAll(Guid by, CommandContext context);
}

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.HandoverPlan")]
public sealed record HandoverPlan(
    [property: Id(0)] Guid From, [property: Id(1)] Guid Successor, [property: Id(2)] HandoverCause Cause, [property: Id(3)] Guid FromUnitId,
    [property: Id(4)] string Reason, [property: Id(5)] Guid CreatedBy, [property: Id(6)] HandoverItemRef[] Items);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.HandoverAcknowledgement")]
public sealed record HandoverAcknowledgement([property: Id(0)] string Kind, [property: Id(1)] Guid SubjectId, [property: Id(2)] Guid By);

/// <summary>Where a handover stands: its items by status, and whether none is pending.</summary>
[GenerateSerializer, Immutable, Alias("BizEnv.Invest.HandoverSummary")]
public sealed record HandoverSummary(
    [property: Id(0)] Guid Id, [property: Id(1)] int Items, [property: Id(2)] int Assigned, [property: Id(3)] int Acknowledged,
    [property: Id(4)] int Closed, [property: Id(5)] int Pending)
{
    public bool Complete => Pending == 0;

    public static HandoverSummary Of(Domain.Handover.Handover h) => new(h.Id, h.Items.Count,
        h.Items.Count(i => i.Status == HandoverItemStatus.Assigned), h.Items.Count(i => i.Status == HandoverItemStatus.Acknowledged),
        h.Items.Count(i => i.Status == HandoverItemStatus.Closed), h.Items.Count(i => i.Status == HandoverItemStatus.Pending));
}
