using BizEnv.Invest.Domain.Chains;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Chains.Grain;

/// <summary>
/// The chain grain's reads of what it holds (the graph, and what decides each node's status) and its
/// writes of the standing it computed. The queries read the standing; only the grain writes it.
/// </summary>
public static class ChainBook
{
    /// <summary>The chain as its grain holds it, or null when there is no such chain (yet).</summary>
    public static async Task<ChainMap?> LoadAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid chainId, CancellationToken ct)
    {
        var chain = await cn.QuerySingleOrDefaultAsync<ChainRow>(new CommandDefinition(ChainRow.Select + " WHERE id = @chainId", new { chainId }, tx, cancellationToken: ct));
        if (chain is null)
            return null;
        var names = (await cn.QueryAsync<(Guid Id, string Name)>(new CommandDefinition("""
            SELECT n.id, n.name FROM chain_members m JOIN chain_nodes n ON n.id = m.node_id WHERE m.chain_id = @chainId
            """, new { chainId }, tx, cancellationToken: ct))).ToDictionary(x => x.Id, x => x.Name);
        var edges = await cn.QueryAsync<(Guid From, Guid To)>(new CommandDefinition(
            "SELECT from_node, to_node FROM chain_edges WHERE chain_id = @chainId", new { chainId }, tx, cancellationToken: ct));
        var map = new ChainMap(chainId, chain.Thresholds, chain.Version, names, edges);
        await ObserveAsync(cn, tx, map, [.. names.Keys], ct);
        return map;
    }

    /// <summary>Reads again, for the given nodes of the chain, their names, the firms and signed projects there and the chain's targets at them.</summary>
    public static async Task ObserveAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, ChainMap map, Guid[] nodeIds, CancellationToken ct)
    {
        var nodes = nodeIds.Where(map.Has).Distinct().ToArray();
        if (nodes.Length == 0)
            return;
        // A shared node may have been renamed through another chain.
        foreach (var (id, name) in await cn.QueryAsync<(Guid, string)>(new CommandDefinition(
                     "SELECT id, name FROM chain_nodes WHERE id = ANY(@nodes)", new { nodes }, tx, cancellationToken: ct)))
            map.Rename(id, name);
        var firms = (await cn.QueryAsync<NodeFirmSpell>(new CommandDefinition(ChainSql.FirmSpells, new { nodes }, tx, cancellationToken: ct)))
            .ToLookup(f => f.NodeId, f => new FirmSpell(f.InvestorId, f.From, f.Until));
        var projects = (await cn.QueryAsync<NodeProjectSpell>(new CommandDefinition(ChainSql.ProjectSpells, new { nodes }, tx, cancellationToken: ct)))
            .ToLookup(p => p.NodeId, p => new ProjectSpell(p.ProjectId, p.InvestorId, p.Investment, p.Jobs, p.From, p.Until, p.Direct));
        var targets = (await cn.QueryAsync<(Guid Node, int Open, int Signed)>(new CommandDefinition($"""
            SELECT t.node_id,
                   count(*) FILTER (WHERE t.status <> 'Dropped' AND NOT s.signed)::int,
                   count(*) FILTER (WHERE s.signed)::int
              FROM chain_targets t
              CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM projects p WHERE p.chain_target_id = t.id AND {ChainSql.IsSigned}) AS signed) s
             WHERE t.chain_id = @chainId AND t.node_id = ANY(@nodes) GROUP BY t.node_id
            """, new { chainId = map.Id, nodes }, tx, cancellationToken: ct))).ToDictionary(t => t.Node, t => (t.Open, t.Signed));
        foreach (var node in nodes)
        {
            var (open, signed) = targets.GetValueOrDefault(node);
            map.Observe(node, firms[node], projects[node], open, signed);
        }
    }

    /// <summary>Replaces the chain's stored standing with <paramref name="standing"/>.</summary>
    public static Task WriteStandingAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid chainId, ChainStanding standing, CancellationToken ct)
    {
        var n = standing.Nodes;
        return cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO chain_status (chain_id, as_of, strong, weak, missing, investment, open_targets, signed_targets)
            VALUES (@chainId, @day, @strong, @weak, @missing, @investment, @open, @signed)
            ON CONFLICT (chain_id) DO UPDATE SET as_of = excluded.as_of, strong = excluded.strong, weak = excluded.weak, missing = excluded.missing,
                investment = excluded.investment, open_targets = excluded.open_targets, signed_targets = excluded.signed_targets;
            DELETE FROM chain_node_status WHERE chain_id = @chainId;
            INSERT INTO chain_node_status (chain_id, node_id, status, firms, investment, jobs, open_targets, signed_targets)
            SELECT @chainId, x.* FROM unnest(@nodes, @statuses, @firms, @investments, @jobs, @opens, @signeds) AS x;
            """, new
        {
            chainId, day = standing.Day, strong = standing.Completeness.Strong, weak = standing.Completeness.Weak, missing = standing.Completeness.Missing,
            investment = standing.Investment, open = standing.OpenTargets, signed = standing.SignedTargets,
            nodes = n.Select(x => x.NodeId).ToArray(), statuses = n.Select(x => x.Status.ToString()).ToArray(), firms = n.Select(x => x.Figures.Firms).ToArray(),
            investments = n.Select(x => x.Figures.Investment).ToArray(), jobs = n.Select(x => x.Figures.Jobs).ToArray(),
            opens = n.Select(x => x.OpenTargets).ToArray(), signeds = n.Select(x => x.SignedTargets).ToArray(),
        }, tx, cancellationToken: ct));
    }

    /// <summary>The other chains that have any of these nodes (a shared node changed: they hear of it).</summary>
    public static async Task<IReadOnlyList<Guid>> SharingAsync(NpgsqlConnection cn, Guid chainId, Guid[] nodes, CancellationToken ct) =>
        (await cn.QueryAsync<Guid>(new CommandDefinition(
            "SELECT DISTINCT chain_id FROM chain_members WHERE node_id = ANY(@nodes) AND chain_id <> @chainId", new { chainId, nodes }, cancellationToken: ct))).ToList();

    private sealed record NodeFirmSpell(Guid NodeId, Guid InvestorId, DateOnly From, DateOnly? Until);

    private sealed record NodeProjectSpell(Guid NodeId, Guid ProjectId, Guid InvestorId, decimal Investment, int Jobs, DateOnly From, DateOnly? Until, bool Direct);
}

/// <summary>What the chain router reads to know where news of a firm or project goes.</summary>
public static class ChainDirectory
{
    public static async Task<IReadOnlyList<Guid>> ChainsAsync(NpgsqlConnection cn, CancellationToken ct) =>
        (await cn.QueryAsync<Guid>(new CommandDefinition("SELECT id FROM chains", cancellationToken: ct))).ToList();

    /// <summary>The nodes where the firm is (or was) confirmed, or which one of its projects names.</summary>
    public static async Task<Guid[]> InvestorNodesAsync(NpgsqlConnection cn, Guid investorId, CancellationToken ct) =>
        (await cn.QueryAsync<Guid>(new CommandDefinition("""
            SELECT node_id FROM chain_node_firms WHERE investor_id = @investorId
            UNION SELECT chain_node_id FROM projects WHERE investor_id = @investorId AND chain_node_id IS NOT NULL
            """, new { investorId }, cancellationToken: ct))).ToArray();

    /// <summary>The nodes a project counts at now: the one it names, those where its firm is confirmed, and its target's.</summary>
    public static async Task<Guid[]> ProjectNodesAsync(NpgsqlConnection cn, Guid projectId, CancellationToken ct) =>
        (await cn.QueryAsync<Guid>(new CommandDefinition("""
            SELECT chain_node_id FROM projects WHERE id = @projectId AND chain_node_id IS NOT NULL
            UNION SELECT f.node_id FROM projects p JOIN chain_node_firms f ON f.investor_id = p.investor_id WHERE p.id = @projectId AND p.chain_node_id IS NULL
            UNION SELECT t.node_id FROM projects p JOIN chain_targets t ON t.id = p.chain_target_id WHERE p.id = @projectId
            """, new { projectId }, cancellationToken: ct))).ToArray();
}
