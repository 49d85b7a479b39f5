using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Chains.AddChainEdge;

/// <summary>
/// An editor records that one node supplies another in a chain. The chain stays acyclic: an edge that
/// would close a loop is refused with the edge and the loop named (e.g. "电池模组 → 电芯" would make
/// 电池模组 → 电芯 → 电池模组). The chain row is locked meanwhile, so two editors cannot each add half a loop.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record AddChainEdge(Guid ChainId, Guid FromNodeId, Guid ToNodeId) : ICommand<Done>;

public sealed class AddChainEdgeValidator : AbstractValidator<AddChainEdge>
{
    public AddChainEdgeValidator()
    {
        RuleFor(x => x.FromNodeId).NotEmpty().WithText("chain.edge_from_required");
        RuleFor(x => x.ToNodeId).NotEmpty().WithText("chain.edge_to_required");
    }
}

public sealed class AddChainEdgeHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<AddChainEdge, Done>
{
    public async Task<Done> Handle(AddChainEdge r, CancellationToken ct)
    {
        audit.Target("chain", r.ChainId, $"{r.FromNodeId} → {r.ToNodeId}");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        await ChainAccess.LockForEdit(cn, tx, actor.Actor, r.ChainId, null, ct);
        var names = (await cn.QueryAsync<(Guid Id, string Name)>(new CommandDefinition("""
            SELECT n.id, n.name FROM chain_members m JOIN chain_nodes n ON n.id = m.node_id WHERE m.chain_id = @ChainId
            """, r, tx, cancellationToken: ct))).ToDictionary(x => x.Id, x => x.Name);
        var edges = await cn.QueryAsync<(Guid From, Guid To)>(new CommandDefinition(
            "SELECT from_node, to_node FROM chain_edges WHERE chain_id = @ChainId", r, tx, cancellationToken: ct));
        var graph = new SupplyGraph(names, edges);
        graph.EnsureCanAdd(r.FromNodeId, r.ToNodeId);
        audit.Target("chain", r.ChainId, graph.Describe(r.FromNodeId, r.ToNodeId));
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO chain_edges (chain_id, from_node, to_node, added_by, added_at) VALUES (@ChainId, @FromNodeId, @ToNodeId, @by, @now)
            """, new { r.ChainId, r.FromNodeId, r.ToNodeId, by = actor.Actor.UserId, now = clock.GetUtcNow() }, tx, cancellationToken: ct));
        return Done.Value;
    }
}
