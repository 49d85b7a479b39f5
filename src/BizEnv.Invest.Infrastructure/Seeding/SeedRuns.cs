using Dapper;
using Npgsql;

namespace BizEnv.Invest.Infrastructure.Seeding;

/// <summary>The journal that makes each seed load once: claiming a name succeeds for the first caller only.</summary>
internal static class SeedRuns
{
    /// <summary>True when this call recorded <paramref name="name"/> (so the caller loads its data); false when it was loaded before.</summary>
    public static async Task<bool> ClaimAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, string name, DateTimeOffset now, CancellationToken ct) =>
        await cn.ExecuteAsync(new CommandDefinition("INSERT INTO seed_runs (name, applied_at) VALUES (@name, @now) ON CONFLICT DO NOTHING",
            new { name, now }, tx, cancellationToken: ct)) == 1;
}
