using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;
using Npgsql;

namespace BizEnv.Invest.Application.Chains.ListFirmSuggestions;

/// <summary>
/// Registered firms whose GB/T 4754 code falls under a node's codes (a node coded C384 suggests a firm
/// coded C3841; one coded C38 suggests every C38xx firm) and that nobody has decided on yet, for editors to
/// confirm as local or dismiss. For one chain, or one node of it.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.Admin)]
public sealed record ListFirmSuggestions(Guid ChainId, Guid? NodeId = null) : IQuery<IReadOnlyList<FirmSuggestion>>;

public sealed record FirmSuggestion(Guid NodeId, string NodeName, NodeFirmDto Firm, string MatchedCode);

public sealed class ListFirmSuggestionsHandler(IDbSession db) : IRequestHandler<ListFirmSuggestions, IReadOnlyList<FirmSuggestion>>
{
    /// <summary>At most this many per node: a division-wide code (C38) can match hundreds of firms.</summary>
    public const int PerNode = 50;

    public async Task<IReadOnlyList<FirmSuggestion>> Handle(ListFirmSuggestions r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        if (!await cn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM chains WHERE id = @ChainId)", r, cancellationToken: ct)))
            throw new Errors.NotFoundException("chain", r.ChainId);
        return await Suggestions(cn, null, r.ChainId, r.NodeId, ct);
    }

    internal static async Task<IReadOnlyList<FirmSuggestion>> Suggestions(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid chainId, Guid? nodeId, CancellationToken ct)
    {
        var rows = await cn.QueryAsync<Row>(new CommandDefinition($"""
            WITH matches AS (
                -- One row per node and firm, with the most specific code that matched.
                SELECT DISTINCT ON (m.node_id, i.id) m.node_id, n.name AS node_name, i.id AS investor_id, i.name, i.industry_code,
                       ni.industry_code AS matched
                  FROM chain_members m
                  JOIN chain_nodes n ON n.id = m.node_id
                  JOIN chain_node_industries ni ON ni.node_id = m.node_id
                  JOIN investors i ON i.industry_code LIKE ni.industry_code || '%'
                 WHERE m.chain_id = @chainId AND (@nodeId::uuid IS NULL OR m.node_id = @nodeId)
                   AND NOT EXISTS (SELECT 1 FROM chain_node_firms f WHERE f.node_id = m.node_id AND f.investor_id = i.id)
                 ORDER BY m.node_id, i.id, length(ni.industry_code) DESC
            ), ranked AS (
                SELECT matches.*, row_number() OVER (PARTITION BY node_id ORDER BY name) AS rank FROM matches
            )
            SELECT s.node_id AS NodeId, s.node_name AS NodeName, s.investor_id AS InvestorId, s.name AS Name, s.industry_code AS IndustryCode,
                   ind.name_zh AS IndustryName, s.matched AS MatchedCode,
                   (SELECT count(*) FROM projects p WHERE p.investor_id = s.investor_id AND {ChainSql.IsSigned})::int AS SignedProjects
              FROM ranked s LEFT JOIN industries ind ON ind.code = s.industry_code
             WHERE s.rank <= {PerNode}
             ORDER BY s.node_name, s.name
            """, new { chainId, nodeId }, tx, cancellationToken: ct));
        return rows.Select(x => new FirmSuggestion(x.NodeId, x.NodeName,
            new NodeFirmDto(x.InvestorId, x.Name, x.IndustryCode, x.IndustryName, "Suggested", null, x.SignedProjects), x.MatchedCode)).ToList();
    }

    private sealed record Row(Guid NodeId, string NodeName, Guid InvestorId, string Name, string? IndustryCode, string? IndustryName, string MatchedCode, int SignedProjects);
}
