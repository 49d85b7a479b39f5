using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Chains;

/// <summary>An edge as the audit log names it: "电池模组 → 电芯" (ids for nodes not found).</summary>
internal static class ChainEdgeNames
{
    public static async Task<string> Describe(NpgsqlConnection cn, Guid from, Guid to, CancellationToken ct)
    {
        var names = (await cn.QueryAsync<(Guid Id, string Name)>(new CommandDefinition(
            "SELECT id, name FROM chain_nodes WHERE id IN (@from, @to)", new { from, to }, cancellationToken: ct))).ToDictionary(x => x.Id, x => x.Name);
        return $"{names.GetValueOrDefault(from, from.ToString())} → {names.GetValueOrDefault(to, to.ToString())}";
    }
}
