using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Chains.RemoveChainNode;

/// <summary>
/// An editor takes a node out of a chain, with its edges in that chain. The node itself stays (other
/// chains, its firms and projects keep it). A node with targets in this chain stays: they are the
/// chain's record of promotion work.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record RemoveChainNode(Guid ChainId, Guid NodeId) : ICommand<Done>;

public sealed class RemoveChainNodeHandler(IDbSession db, ActorContext actor, IAuditTrail audit) : IRequestHandler<RemoveChainNode, Done>
{
    public async Task<Done> Handle(RemoveChainNode r, CancellationToken ct)
    {
        audit.Target("chain", r.ChainId, r.NodeId.ToString());
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        await ChainAccess.LockForEdit(cn, tx, actor.Actor, r.ChainId, null, ct);
        var name = await cn.ExecuteScalarAsync<string?>(new CommandDefinition("""
            SELECT n.name FROM chain_members m JOIN chain_nodes n ON n.id = m.node_id WHERE m.chain_id = @ChainId AND m.node_id = @NodeId
            """, r, tx, cancellationToken: ct)) ?? throw new NotFoundException("chain_node", r.NodeId);
        audit.Target("chain", r.ChainId, name);
        var targets = await cn.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM chain_targets WHERE chain_id = @ChainId AND node_id = @NodeId", r, tx, cancellationToken: ct));
        if (targets > 0)
            throw new DomainException("chain.node_has_targets", name, targets);
        await cn.ExecuteAsync(new CommandDefinition("DELETE FROM chain_members WHERE chain_id = @ChainId AND node_id = @NodeId", r, tx, cancellationToken: ct));
        return Done.Value;
    }
}
