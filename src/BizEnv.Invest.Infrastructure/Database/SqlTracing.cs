using System.Diagnostics;
using Npgsql;

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
}
