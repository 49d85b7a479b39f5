using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Chains.RemoveChainEdge;

/// <summary>An editor removes a "supplies" edge from a chain.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record RemoveChainEdge(Guid ChainId, Guid FromNodeId, Guid ToNodeId) : ICommand<Done>;

public sealed class RemoveChainEdgeHandler(IDbSession db, ActorContext actor, IAuditTrail audit) : IRequestHandler<RemoveChainEdge, Done>
{
    public async Task<Done> Handle(RemoveChainEdge r, CancellationToken ct)
    {
        audit.Target("chain", r.ChainId, $"{r.FromNodeId} → {r.ToNodeId}");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        await ChainAccess.LockForEdit(cn, tx, actor.Actor, r.ChainId, null, ct);
        var edge = await cn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition("""
            DELETE FROM chain_edges e USING chain_nodes f, chain_nodes t
             WHERE e.chain_id = @ChainId AND e.from_node = @FromNodeId AND e.to_node = @ToNodeId AND f.id = e.from_node AND t.id = e.to_node
            RETURNING f.name || ' → ' || t.name
            """, r, tx, cancellationToken: ct)) ?? throw new NotFoundException("chain_edge", $"{r.FromNodeId}→{r.ToNodeId}");
        audit.Target("chain", r.ChainId, edge);
        return Done.Value;
    }
}
