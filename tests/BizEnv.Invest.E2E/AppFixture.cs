using BizEnv.Invest.Testing;

namespace BizEnv.Invest.E2E;

/// <summary>The real app, started once for the whole assembly over its own database with the demo data.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private AppProcess? _app;

    public string BaseUrl => _app?.BaseUrl ?? throw new InvalidOperationException("the app is not started");

    /// <summary>What the app printed: attached to failures so a broken page can be traced to the server.</summary>
    public string Output => _app?.Output ?? "";

    public async Task InitializeAsync()
    {
        // Screenshots are this run's record: last run's (and its FAILED-* files) would mislead.
        if (Directory.Exists(Browser.ScreenshotDir))
            Directory.Delete(Browser.ScreenshotDir, recursive: true);
        _database = await TestPostgres.CreateDatabaseAsync("e2e");
        _app = await AppProcess.StartAsync(_database);
    }

    /// <summary>Arranges what a journey needs but does not itself walk through (as the app's database role).</summary>
    public async Task ExecAsync(string sql, object? args = null)
    {
        await using var cn = new Npgsql.NpgsqlConnection(_database!.AppConnectionString);
        await Dapper.SqlMapper.ExecuteAsync(cn, sql, args);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        if (_database is not null)
            await TestPostgres.ExecAsync(TestPostgres.Superuser, $"DROP DATABASE IF EXISTS {_database.Name} WITH (FORCE)");
    }
}

/// <summary>Every browser test class joins this collection: one app process, classes run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
