using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Chains.Grain;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Chains.RemoveChainEdge;

/// <summary>An editor removes a "supplies" edge from a chain.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record RemoveChainEdge(Guid ChainId, Guid FromNodeId, Guid ToNodeId) : ICommand<Done>, IGrainCommand;

public sealed class RemoveChainEdgeHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<RemoveChainEdge, Done>
{
    public async Task<Done> Handle(RemoveChainEdge r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        audit.Target("chain", r.ChainId, await ChainEdgeNames.Describe(cn, r.FromNodeId, r.ToNodeId, ct));
        await ChainAccess.EnsureEditor(cn, actor.Actor, r.ChainId, ct);
        var reply = await grains.GetGrain<IChainGrain>(r.ChainId).RemoveEdge(
            new ChainEdge(r.FromNodeId, r.ToNodeId, actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<Done>();
    }
}
