using BizEnv.Invest.Infrastructure.Migrations;
using BizEnv.Invest.Infrastructure.Seeding;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BizEnv.Invest.Testing;

/// <summary>
/// The real PostgreSQL every data test runs against: the throwaway cluster ./test.sh starts
/// (INVEST_TEST_PG = a superuser connection string). A template database is migrated once per
/// test run, across all test processes (advisory lock), and each test class clones its own
/// database from it with CREATE DATABASE … TEMPLATE, which takes milliseconds.
/// </summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "INVEST_TEST_PG";
    private const string Template = "invest_template";
    private const string Password = "test-only";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _templateReady;

    public static string Superuser =>
        Environment.GetEnvironmentVariable(EnvironmentVariable)
        ?? throw new InvalidOperationException(
            $"{EnvironmentVariable} is not set. Run the tests with ./test.sh (it starts a private PostgreSQL), " +
            $"or set {EnvironmentVariable} to a superuser connection string of a disposable cluster.");

    /// <summary>A fresh database cloned from the migrated template, with the calendar loaded.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync(string? hint = null)
    {
        await EnsureTemplateAsync();
        var prefix = new string((hint ?? "db").ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').Take(20).ToArray());
        var name = $"t_{prefix}_{Guid.NewGuid():N}";
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await ExecAsync(Superuser, $"CREATE DATABASE {name} TEMPLATE {Template} OWNER invest_owner");
                break;
            }
            catch (PostgresException e) when (e.SqlState == "55006" && attempt < 20)
            {
                await Task.Delay(100 * (attempt + 1)); // the template is briefly in use by another clone
            }
        }
        return new TestDatabase(name, ConnectionString(name, "invest_app"), ConnectionString(name, "invest_owner"), ConnectionString(name, null));
    }

    public static string ConnectionString(string database, string? role)
    {
        // Many app instances (one per test class) share one cluster at once: small pools that let idle
        // connections go keep them all under the cluster's connection limit.
        var b = new NpgsqlConnectionStringBuilder(Superuser)
        {
            Database = database, Pooling = role is not null, MaxPoolSize = 50, ConnectionIdleLifetime = 15, ConnectionPruningInterval = 5,
        };
        if (role is not null)
        {
            b.Username = role;
            b.Password = Password;
        }
        return b.ConnectionString;
    }

    private static async Task EnsureTemplateAsync()
    {
        if (_templateReady)
            return;
        await Gate.WaitAsync();
        try
        {
            if (_templateReady)
                return;
            await using var cn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Superuser) { Pooling = false }.ConnectionString);
            await cn.OpenAsync();
            // Several test processes start at once: one builds the template, the others wait for it.
            await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_lock(4242)", cn))
                await lockCmd.ExecuteNonQueryAsync();
            try
            {
                await using var exists = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = '{Template}')", cn);
                if (!(bool)(await exists.ExecuteScalarAsync())!)
                    await BuildTemplateAsync();
            }
            finally
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(4242)", cn);
                await unlock.ExecuteNonQueryAsync();
            }
            _templateReady = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task BuildTemplateAsync()
    {
        await ExecAsync(Superuser, $"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'invest_owner') THEN CREATE ROLE invest_owner LOGIN PASSWORD '{Password}'; END IF;
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'invest_app') THEN CREATE ROLE invest_app LOGIN PASSWORD '{Password}'; END IF;
            END $$
            """);
        await ExecAsync(Superuser, $"CREATE DATABASE {Template}_build OWNER invest_owner");
        await ExecAsync(ConnectionString($"{Template}_build", null), "REVOKE CREATE ON SCHEMA public FROM PUBLIC; ALTER SCHEMA public OWNER TO invest_owner");
        await new Migrator(NullLogger<Migrator>.Instance).MigrateAsync(ConnectionString($"{Template}_build", "invest_owner"));
        await using (var source = NpgsqlDataSource.Create(ConnectionString($"{Template}_build", "invest_app")))
        {
            await new CalendarSeeder(source, TimeProvider.System, NullLogger<CalendarSeeder>.Instance).SeedAsync();
            await new IndustrySeeder(source, TimeProvider.System, NullLogger<IndustrySeeder>.Instance).SeedAsync();
        }
        NpgsqlConnection.ClearAllPools();
        // Renamed only when complete, so no process ever clones a half-built template.
        await ExecAsync(Superuser, $"ALTER DATABASE {Template}_build RENAME TO {Template}");
    }

    public static async Task ExecAsync(string connectionString, string sql)
    {
        await using var cn = new NpgsqlConnection(connectionString);
        await cn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, cn);
        await cmd.ExecuteNonQueryAsync();
    }
}

/// <summary>One test class's own database: as the app's restricted role, as the schema owner, and as superuser.</summary>
public sealed record TestDatabase(string Name, string AppConnectionString, string OwnerConnectionString, string SuperuserConnectionString);
