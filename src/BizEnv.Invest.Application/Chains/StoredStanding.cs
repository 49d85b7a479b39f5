using BizEnv.Invest.Application.Chains.Grain;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Chains;
using Dapper;
using Npgsql;
using Orleans;

namespace BizEnv.Invest.Application.Chains;

/// <summary>
/// The standing the chains' grains wrote (chain_status, chain_node_status), as the graph and the list
/// read it: one row set, no recomputation. Figures of an earlier day (presence is dated: a firm taken
/// off today stops counting today) or none yet (a chain seeded by SQL) are brought up to today by the
/// chain's grain first — once a day per chain, not once a page.
/// </summary>
internal static class StoredStanding
{
    public static async Task EnsureTodayAsync(NpgsqlConnection cn, IGrainFactory grains, Guid[] chainIds, DateOnly today, CancellationToken ct)
    {
        var stale = await cn.QueryAsync<Guid>(new CommandDefinition("""
            SELECT c.id FROM chains c LEFT JOIN chain_status s ON s.chain_id = c.id
             WHERE c.id = ANY(@chainIds) AND (s.as_of IS NULL OR s.as_of <> @today)
            """, new { chainIds, today }, cancellationToken: ct));
        await Task.WhenAll(stale.Select(id => grains.GetGrain<IChainGrain>(id).BringUpToDate()));
    }

    /// <summary>Chains as the list shows them (all of them, by name, or the one asked for).</summary>
    public static async Task<IReadOnlyList<ChainSummary>> SummariesAsync(NpgsqlConnection cn, Guid? chainId, CancellationToken ct) =>
        (await cn.QueryAsync<SummaryRow>(new CommandDefinition("""
            SELECT c.id AS Id, c.name AS Name, c.description AS Description, c.strong_min_firms AS StrongMinFirms, c.weak_min_firms AS WeakMinFirms,
                   c.strong_min_investment AS StrongMinInvestment, s.strong AS Strong, s.weak AS Weak, s.missing AS Missing, s.investment AS Investment,
                   s.open_targets AS OpenTargets, s.signed_targets AS SignedTargets, c.version AS Version
              FROM chains c JOIN chain_status s ON s.chain_id = c.id
             WHERE @chainId::uuid IS NULL OR c.id = @chainId
             ORDER BY c.name
            """, new { chainId }, cancellationToken: ct))).Select(r => r.ToDto()).ToList();

    public static async Task<ChainSummary> SummaryAsync(NpgsqlConnection cn, Guid chainId, CancellationToken ct) =>
        (await SummariesAsync(cn, chainId, ct)).SingleOrDefault() ?? throw new NotFoundException("chain", chainId);

    public static async Task<IReadOnlyDictionary<Guid, NodeRow>> NodesAsync(NpgsqlConnection cn, Guid chainId, CancellationToken ct) =>
        (await cn.QueryAsync<NodeRow>(new CommandDefinition("""
            SELECT node_id AS NodeId, status AS Status, firms AS Firms, investment AS Investment, jobs AS Jobs, open_targets AS OpenTargets
              FROM chain_node_status WHERE chain_id = @chainId
            """, new { chainId }, cancellationToken: ct))).ToDictionary(n => n.NodeId);

    /// <summary>One node's stored standing in a chain, brought up to today first if need be.</summary>
    public static async Task<NodeRow> NodeAsync(NpgsqlConnection cn, IGrainFactory grains, Guid chainId, Guid nodeId, DateOnly today, CancellationToken ct)
    {
        await EnsureTodayAsync(cn, grains, [chainId], today, ct);
        return await cn.QuerySingleOrDefaultAsync<NodeRow>(new CommandDefinition("""
            SELECT node_id AS NodeId, status AS Status, firms AS Firms, investment AS Investment, jobs AS Jobs, open_targets AS OpenTargets
              FROM chain_node_status WHERE chain_id = @chainId AND node_id = @nodeId
            """, new { chainId, nodeId }, cancellationToken: ct)) ?? NodeRow.None(nodeId);
    }

    internal sealed record NodeRow(Guid NodeId, string Status, int Firms, decimal Investment, int Jobs, int OpenTargets)
    {
        public static NodeRow None(Guid nodeId) => new(nodeId, nameof(ChainNodeStatus.Missing), 0, 0, 0, 0);

        public ChainNodeStatus StatusValue => Enum.Parse<ChainNodeStatus>(Status);
    }

    private sealed record SummaryRow(Guid Id, string Name, string? Description, int StrongMinFirms, int WeakMinFirms, decimal? StrongMinInvestment,
        int Strong, int Weak, int Missing, decimal Investment, int OpenTargets, int SignedTargets, int Version)
    {
        public ChainSummary ToDto() => new(Id, Name, Description, new ChainThresholds(StrongMinFirms, WeakMinFirms, StrongMinInvestment),
            new ChainCompleteness(Strong, Weak, Missing), Investment, OpenTargets, SignedTargets, Version);
    }
}
