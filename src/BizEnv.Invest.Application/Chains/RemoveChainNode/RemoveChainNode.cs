using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Chains.Grain;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Chains.RemoveChainNode;

/// <summary>
/// An editor takes a node out of a chain, with its edges in that chain. The node itself stays (other
/// chains, its firms and projects keep it). A node with targets in this chain stays: they are the
/// chain's record of promotion work.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record RemoveChainNode(Guid ChainId, Guid NodeId) : ICommand<Done>, IGrainCommand;

public sealed class RemoveChainNodeHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<RemoveChainNode, Done>
{
    public async Task<Done> Handle(RemoveChainNode r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var name = await cn.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT name FROM chain_nodes WHERE id = @NodeId", r, cancellationToken: ct));
        audit.Target("chain", r.ChainId, name ?? r.NodeId.ToString());
        await ChainAccess.EnsureEditor(cn, actor.Actor, r.ChainId, ct);
        return (await grains.GetGrain<IChainGrain>(r.ChainId).RemoveNode(r.NodeId, CommandContext.For(actor, audit, r))).Result<Done>();
    }
}
