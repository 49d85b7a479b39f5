using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Chains.ListChainNodes;

/// <summary>Nodes found by name or code (not yet in <see cref="ExceptChainId"/>), so an editor can share one into another chain rather than duplicate it.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.Admin)]
public sealed record ListChainNodes(string? Search, Guid? ExceptChainId = null) : IQuery<IReadOnlyList<NodeBrief>>;

public sealed class ListChainNodesHandler(IDbSession db) : IRequestHandler<ListChainNodes, IReadOnlyList<NodeBrief>>
{
    public async Task<IReadOnlyList<NodeBrief>> Handle(ListChainNodes r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var search = string.IsNullOrWhiteSpace(r.Search) ? null : r.Search.Trim().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
        var rows = await cn.QueryAsync<(Guid Id, string Name, string[] Codes, string[] Chains)>(new CommandDefinition("""
            SELECT n.id, n.name,
                   coalesce((SELECT array_agg(ni.industry_code ORDER BY ni.industry_code) FROM chain_node_industries ni WHERE ni.node_id = n.id), '{}'),
                   coalesce((SELECT array_agg(c.name ORDER BY c.name) FROM chain_members m JOIN chains c ON c.id = m.chain_id WHERE m.node_id = n.id), '{}')
              FROM chain_nodes n
             WHERE (@search::text IS NULL OR search_form(n.name) LIKE '%' || search_form(@search) || '%'
                    OR EXISTS (SELECT 1 FROM chain_node_industries ni WHERE ni.node_id = n.id AND ni.industry_code LIKE upper(search_form(@search)) || '%'))
               AND (@except::uuid IS NULL OR NOT EXISTS (SELECT 1 FROM chain_members m WHERE m.node_id = n.id AND m.chain_id = @except))
             ORDER BY n.name LIMIT 30
            """, new { search, except = r.ExceptChainId }, cancellationToken: ct));
        return rows.Select(x => new NodeBrief(x.Id, x.Name, x.Codes, x.Chains)).ToList();
    }
}
