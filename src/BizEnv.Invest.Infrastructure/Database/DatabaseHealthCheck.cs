using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace BizEnv.Invest.Infrastructure.Database;

/// <summary>Ready means the database answers as the app's role and the schema has been migrated.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var cmd = dataSource.CreateCommand("SELECT count(*) FROM schema_migrations");
            var applied = (long)(await cmd.ExecuteScalarAsync(ct))!;
            return applied > 0 ? HealthCheckResult.Healthy($"{applied} migrations applied") : HealthCheckResult.Unhealthy("schema not migrated");
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("database unavailable", ex);
        }
    }
}
