using Npgsql;

namespace BizEnv.Invest.Infrastructure.Database;

/// <summary>The application's connection pools: the default one, and one whose sessions read in English.</summary>
public static class AppDataSource
{
    /// <summary>
    /// The same few statements run thousands of times (a promise grain's load, the journal's inserts, the lapse batch):
    /// prepared automatically after a few uses, PostgreSQL parses and plans each once per connection instead of per call.
    /// A connection string that sets its own Max Auto Prepare keeps it.
    /// </summary>
    public const int AutoPrepared = 100;

    public static NpgsqlDataSource Build(string connectionString) => Build(connectionString, "invest-app", null);

    /// <summary>
    /// Sessions that read unit names in English (migration 0015's <c>invest.lang</c>): the setting is a startup option of
    /// every connection in this pool, so it survives the pool's reset and costs no round trip per request, where a
    /// <c>set_config</c> on each open did. The default pool's sessions have no setting, which reads as Chinese.
    /// </summary>
    public static EnglishDataSource BuildEnglish(string connectionString) => new(Build(connectionString, "invest-app-en", "-c invest.lang=en"));

    private static NpgsqlDataSource Build(string connectionString, string name, string? options)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString) { Name = name };
        var settings = builder.ConnectionStringBuilder;
        // A request waiting on a grain holds a connection and its grain needs another (GrainCallGate): a smaller pool
        // would stall on its first busy moment, so it is refused here, at start-up, in words.
        if (settings.MaxPoolSize < Application.Common.Grains.GrainCallGate.SmallestPool)
            throw new InvalidOperationException(
                $"The application's connection string sets Maximum Pool Size={settings.MaxPoolSize}; it needs at least {Application.Common.Grains.GrainCallGate.SmallestPool} (default 100).");
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!new[] { "Max Auto Prepare", "MaxAutoPrepare" }.Any(given.ContainsKey))
            settings.MaxAutoPrepare = AutoPrepared;
        // Prepared, but planned for each call's values: the lists' optional filters (@x IS NULL OR …) would otherwise get
        // PostgreSQL's one generic plan after five calls, whatever the filter.
        options = string.Join(' ', new[] { "-c plan_cache_mode=force_custom_plan", options }.OfType<string>());
        settings.Options = string.IsNullOrWhiteSpace(settings.Options) ? options : $"{settings.Options} {options}";
        return builder.TracedInsideTraces().Build();
    }
}

/// <summary>The pool of English-reading sessions (<see cref="AppDataSource.BuildEnglish"/>).</summary>
public sealed record EnglishDataSource(NpgsqlDataSource DataSource) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
