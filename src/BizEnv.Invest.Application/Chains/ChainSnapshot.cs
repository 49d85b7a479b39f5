using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Chains;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Chains;

internal sealed record ChainRow(Guid Id, string Name, string? Description, int StrongMinFirms, int WeakMinFirms, decimal? StrongMinInvestment, int Version)
{
    public const string Select = """
        SELECT id AS Id, name AS Name, description AS Description, strong_min_firms AS StrongMinFirms, weak_min_firms AS WeakMinFirms,
               strong_min_investment AS StrongMinInvestment, version AS Version FROM chains
        """;

    public ChainThresholds Thresholds => new(StrongMinFirms, WeakMinFirms, StrongMinInvestment);
}

internal sealed record MemberRow(Guid NodeId, string Name, string? Description, string Segment, bool IsExtension, string[] Codes, string[] OtherChains, int Version)
{
    public ChainSegment SegmentValue => Enum.Parse<ChainSegment>(Segment);
}

/// <summary>
/// One chain as stored — members, edges and the spells of presence of its nodes — from which a
/// report's figures at its start and end, and a node panel's firms, are computed. (Today's status and
/// completeness are the chain grain's, stored: see <see cref="StoredStanding"/>.)
/// </summary>
internal sealed class ChainSnapshot
{
    private readonly ILookup<Guid, FirmSpell> _firms;
    private readonly ILookup<Guid, ProjectSpell> _projects;

    private ChainSnapshot(ChainRow chain, IReadOnlyList<MemberRow> members, IReadOnlyList<(Guid From, Guid To)> edges,
        ILookup<Guid, FirmSpell> firms, ILookup<Guid, ProjectSpell> projects)
    {
        Chain = chain;
        Members = members;
        Edges = edges;
        _firms = firms;
        _projects = projects;
    }

    public ChainRow Chain { get; }
    public IReadOnlyList<MemberRow> Members { get; }
    public IReadOnlyList<(Guid From, Guid To)> Edges { get; }

    public MemberRow Member(Guid nodeId) => Members.FirstOrDefault(m => m.NodeId == nodeId) ?? throw new NotFoundException("chain_node", nodeId);

    public NodeFigures FiguresAt(Guid nodeId, DateOnly day) => NodePresence.At(day, _firms[nodeId], _projects[nodeId]);

    public IReadOnlySet<Guid> FirmsAt(Guid nodeId, DateOnly day) => NodePresence.FirmsAt(day, _firms[nodeId], _projects[nodeId]);

    public static async Task<ChainSnapshot> LoadAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid chainId, CancellationToken ct)
    {
        var chain = await cn.QuerySingleOrDefaultAsync<ChainRow>(new CommandDefinition(ChainRow.Select + " WHERE id = @chainId", new { chainId }, tx, cancellationToken: ct))
            ?? throw new NotFoundException("chain", chainId);
        var members = await MembersAsync(cn, tx, chainId, ct);
        var edges = (await cn.QueryAsync<(Guid From, Guid To)>(new CommandDefinition(
            "SELECT from_node, to_node FROM chain_edges WHERE chain_id = @chainId", new { chainId }, tx, cancellationToken: ct))).ToList();
        var nodes = members.Select(m => m.NodeId).ToArray();
        var firms = (await cn.QueryAsync<NodeFirmSpell>(new CommandDefinition(ChainSql.FirmSpells, new { nodes }, tx, cancellationToken: ct)))
            .ToLookup(f => f.NodeId, f => new FirmSpell(f.InvestorId, f.From, f.Until));
        var projects = (await cn.QueryAsync<NodeProjectSpell>(new CommandDefinition(ChainSql.ProjectSpells, new { nodes }, tx, cancellationToken: ct)))
            .ToLookup(p => p.NodeId, p => new ProjectSpell(p.ProjectId, p.InvestorId, p.Investment, p.Jobs, p.From, p.Until, p.Direct));
        return new ChainSnapshot(chain, members, edges, firms, projects);
    }

    /// <summary>The chain's nodes as pages list them: upstream to downstream, then by name.</summary>
    public static async Task<List<MemberRow>> MembersAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid chainId, CancellationToken ct) =>
        (await cn.QueryAsync<MemberRow>(new CommandDefinition("""
            SELECT n.id AS NodeId, n.name AS Name, n.description AS Description, m.segment AS Segment, m.is_extension AS IsExtension,
                   coalesce((SELECT array_agg(ni.industry_code ORDER BY ni.industry_code) FROM chain_node_industries ni WHERE ni.node_id = n.id), '{}') AS Codes,
                   coalesce((SELECT array_agg(c.name ORDER BY c.name) FROM chain_members o JOIN chains c ON c.id = o.chain_id
                              WHERE o.node_id = n.id AND o.chain_id <> m.chain_id), '{}') AS OtherChains,
                   n.version AS Version
              FROM chain_members m JOIN chain_nodes n ON n.id = m.node_id
             WHERE m.chain_id = @chainId
             ORDER BY array_position(ARRAY['Upstream', 'Midstream', 'Downstream'], m.segment), n.name
            """, new { chainId }, tx, cancellationToken: ct))).ToList();

    private sealed record NodeFirmSpell(Guid NodeId, Guid InvestorId, DateOnly From, DateOnly? Until);

    private sealed record NodeProjectSpell(Guid NodeId, Guid ProjectId, Guid InvestorId, decimal Investment, int Jobs, DateOnly From, DateOnly? Until, bool Direct);
}
