using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Chains.Targets.ListChainTargets;

/// <summary>The target list 招商目标库, filtered by chain, node, status, label or name, newest first, paged on the server.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.Admin)]
public sealed record ListChainTargets(
    Guid? ChainId = null, Guid? NodeId = null, ChainTargetStatus? Status = null, ChainTargetLabel? Label = null, string? Search = null,
    int Page = 1, int PageSize = 20) : IQuery<Page<ChainTargetSummary>>;

public sealed class ListChainTargetsHandler(IDbSession db) : IRequestHandler<ListChainTargets, Page<ChainTargetSummary>>
{
    // "Signed" is the linked project's stage, not a stored status: filter on that, and keep signed targets out of the other statuses.
    private const string Where = $"""
         WHERE (@chain::uuid IS NULL OR t.chain_id = @chain)
           AND (@node::uuid IS NULL OR t.node_id = @node)
           AND (@label::text IS NULL OR t.label = @label)
           AND (@search::text IS NULL OR search_form(coalesce(i.name, t.prospect_name)) LIKE '%' || search_form(@search) || '%')
           AND (@status::text IS NULL
                OR (@status = 'Signed' AND EXISTS (SELECT 1 FROM projects p WHERE p.chain_target_id = t.id AND {ChainSql.IsSigned}))
                OR (t.status = @status AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.chain_target_id = t.id AND {ChainSql.IsSigned})))
        """;

    public async Task<Page<ChainTargetSummary>> Handle(ListChainTargets r, CancellationToken ct)
    {
        var (page, size, offset) = Paging.Normalize(r.Page, r.PageSize);
        var search = string.IsNullOrWhiteSpace(r.Search) ? null : r.Search.Trim().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
        var args = new { chain = r.ChainId, node = r.NodeId, label = r.Label?.ToString(), status = r.Status?.ToString(), search, size, offset };
        var cn = await db.ConnectionAsync(ct);
        var total = await cn.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM chain_targets t LEFT JOIN investors i ON i.id = t.investor_id" + Where, args, cancellationToken: ct));
        var rows = await cn.QueryAsync<TargetRow>(new CommandDefinition(
            TargetRow.Select + Where + " ORDER BY t.created_at DESC, t.id LIMIT @size OFFSET @offset", args, cancellationToken: ct));
        return new Page<ChainTargetSummary>(rows.Select(x => x.ToDto()).ToList(), total, page, size);
    }
}
