using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Handover.Grain;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Handover.AcknowledgeAllHandovers;

/// <summary>
/// The successor confirms every item handed to them and not yet confirmed, across their handovers
/// (each handover's grain confirms its own, one transaction each).
/// </summary>
public sealed record AcknowledgeAllHandovers : ICommand<Done>, IGrainCommand;

public sealed class AcknowledgeAllHandoversHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<AcknowledgeAllHandovers, Done>
{
    public async Task<Done> Handle(AcknowledgeAllHandovers r, CancellationToken ct)
    {
        var me = actor.Actor.UserId!.Value;
        audit.Target("handover", me, "all");
        // One key cannot stand for several grains' transactions: each is idempotent by itself (a confirmed item is not confirmed again).
        var context = CommandContext.For(actor, audit, r) with { IdempotencyKey = null, Fingerprint = [] };
        foreach (var handover in await HandoverBook.AwaitingAsync(await db.ConnectionAsync(ct), null, me, ct))
        {
            var reply = await grains.GetGrain<IHandoverGrain>(handover).AcknowledgeAll(me, context with { ObjectId = handover.ToString() });
            reply.Result<HandoverSummary>();
        }
        return Done.Value;
    }
}
