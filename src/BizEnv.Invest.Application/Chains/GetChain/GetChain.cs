using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Chains.GetChain;

/// <summary>
/// A chain as a graph: every node with today's status under the chain's thresholds, its local firms,
/// signed investment and jobs, and a fixed left-to-right position (upstream → downstream); the edges;
/// its editors and recent changes; and whether the actor may edit it.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.Admin)]
public sealed record GetChain(Guid Id) : IQuery<ChainGraph>, ICallsGrains;

public sealed class GetChainHandler(IDbSession db, ActorContext actor, TimeProvider clock, IGrainFactory grains) : IRequestHandler<GetChain, ChainGraph>
{
    public async Task<ChainGraph> Handle(GetChain r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        await StoredStanding.EnsureTodayAsync(cn, grains, [r.Id], clock.Today(), ct);
        var summary = await StoredStanding.SummaryAsync(cn, r.Id, ct);
        var members = await ChainSnapshot.MembersAsync(cn, null, r.Id, ct);
        var standing = await StoredStanding.NodesAsync(cn, r.Id, ct);
        var edges = (await cn.QueryAsync<(Guid From, Guid To)>(new CommandDefinition(
            "SELECT from_node, to_node FROM chain_edges WHERE chain_id = @Id", r, cancellationToken: ct))).ToList();
        var layout = ChainLayout.Arrange(members.Select(m => new ChainLayout.Input(m.NodeId, m.SegmentValue)).ToList(), edges);
        var nodes = members.Select(m => ToDto(m, standing.GetValueOrDefault(m.NodeId) ?? StoredStanding.NodeRow.None(m.NodeId), layout.Positions[m.NodeId])).ToList();
        using var grid = await cn.QueryMultipleAsync(new CommandDefinition("""
            SELECT u.id AS Id, u.display_name AS DisplayName, unit_name(un.name_zh, un.name_en) AS UnitName
              FROM chain_editors e JOIN users u ON u.id = e.user_id JOIN units un ON un.id = u.unit_id
             WHERE e.chain_id = @Id ORDER BY u.display_name;
            SELECT a.at AS At, a.user_name AS UserName, a.action AS Action, a.detail AS Detail
              FROM audit_log a WHERE a.object_type = 'chain' AND a.object_id = @IdText AND a.outcome = 'success'
             ORDER BY a.at DESC LIMIT 30;
            """, new { r.Id, IdText = r.Id.ToString() }, cancellationToken: ct));
        var editors = (await grid.ReadAsync<EditorRef>()).ToList();
        var changes = (await grid.ReadAsync<ChainChange>()).ToList();
        return new ChainGraph(summary, nodes, edges.Select(e => new ChainEdgeDto(e.From, e.To)).ToList(),
            layout.Columns, layout.Rows, await ChainAccess.IsEditor(cn, null, actor.Actor, r.Id, ct), editors, changes);
    }

    /// <summary>A node as the graph and its panel show it: where it sits (from the member row) and its standing as the chain's grain stored it.</summary>
    internal static ChainNodeDto ToDto(MemberRow m, StoredStanding.NodeRow s, ChainLayout.Position? at) =>
        new(m.NodeId, m.Name, m.Description, m.SegmentValue, m.IsExtension, m.Codes, s.StatusValue, s.Firms, s.Investment, s.Jobs, s.OpenTargets, m.OtherChains,
            at?.Column ?? 0, at?.Row ?? 0, m.Version);
}
