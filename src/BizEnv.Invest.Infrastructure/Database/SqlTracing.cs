using System.Diagnostics;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BizEnv.Invest.Infrastructure.Database;

/// <summary>
/// SQL spans only inside a trace that something else started (a request, a page event, a grain call).
/// Otherwise the background loops (re-arming queue, alert outbox, membership heartbeats) and physical
/// connection opens would each start a one-span trace every few seconds and bury the requests.
/// </summary>
public static class SqlTracing
{
    public static NpgsqlDataSourceBuilder TracedInsideTraces(this NpgsqlDataSourceBuilder builder)
    {
        builder.ConfigureTracing(o => o
            .ConfigureCommandFilter(_ => Activity.Current is not null)
            .ConfigureBatchFilter(_ => Activity.Current is not null)
            .EnablePhysicalOpenTracing(false));
        return builder;
    }

    /// <summary>Npgsql's spans in the app's traces (registered here: the web layer never names the driver).</summary>
    public static TracerProviderBuilder AddSqlTracing(this TracerProviderBuilder builder) => builder.AddNpgsql();

    /// <summary>Npgsql's connection-pool and command metrics.</summary>
    public static MeterProviderBuilder AddSqlMetrics(this MeterProviderBuilder builder) => builder.AddNpgsqlInstrumentation();
}
