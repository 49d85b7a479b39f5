using BizEnv.Invest.Infrastructure.Migrations;
using BizEnv.Invest.Testing;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BizEnv.Invest.Application.Tests.Database;

/// <summary>These start from empty databases (not the template): they test the migrator itself.</summary>
public sealed class MigrationTests
{
    internal static async Task<string> EmptyDatabase()
    {
        var name = "m_" + Guid.NewGuid().ToString("N");
        await TestPostgres.ExecAsync(TestPostgres.Superuser, $"CREATE DATABASE {name} OWNER invest_owner TEMPLATE template0");
        await TestPostgres.ExecAsync(TestPostgres.ConnectionString(name, null), "REVOKE CREATE ON SCHEMA public FROM PUBLIC; ALTER SCHEMA public OWNER TO invest_owner");
        return TestPostgres.ConnectionString(name, "invest_owner");
    }

    internal static Migrator NewMigrator() => new(NullLogger<Migrator>.Instance);

    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_are_journaled_with_checksums()
    {
        await TestPostgres.CreateDatabaseAsync("roles"); // makes sure the roles exist
        var owner = await EmptyDatabase();
        var applied = await NewMigrator().MigrateAsync(owner);

        var scripts = Migrator.EmbeddedScripts();
        applied.ShouldBe(scripts.Select(s => s.FileName));
        await using var cn = new NpgsqlConnection(owner);
        var journal = (await cn.QueryAsync<(string Name, string Checksum)>("SELECT name, checksum FROM schema_migrations ORDER BY id")).ToList();
        journal.Select(j => j.Name).ShouldBe(scripts.Select(s => s.FileName));
        journal.Select(j => j.Checksum).ShouldBe(scripts.Select(s => s.Checksum));
        (await cn.ExecuteScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('users','units','audit_log','calendar_days')")).ShouldBe(4);

        (await NewMigrator().MigrateAsync(owner)).ShouldBeEmpty(); // a second start applies nothing
    }

    [Fact]
    public async Task Two_migrators_racing_apply_each_script_exactly_once()
    {
        await TestPostgres.CreateDatabaseAsync("roles");
        var owner = await EmptyDatabase();
        var results = await Task.WhenAll(NewMigrator().MigrateAsync(owner), NewMigrator().MigrateAsync(owner));

        results.SelectMany(r => r).ShouldBe(Migrator.EmbeddedScripts().Select(s => s.FileName), ignoreOrder: true);
        await using var cn = new NpgsqlConnection(owner);
        (await cn.ExecuteScalarAsync<long>("SELECT count(*) FROM schema_migrations")).ShouldBe(Migrator.EmbeddedScripts().Count);
    }

    [Fact]
    public async Task A_changed_script_that_was_already_applied_stops_start_up()
    {
        await TestPostgres.CreateDatabaseAsync("roles");
        var owner = await EmptyDatabase();
        await NewMigrator().MigrateAsync(owner);

        var tampered = Migrator.EmbeddedScripts()
            .Select((s, i) => i == 0 ? MigrationScript.FromFile(s.FileName, s.Sql + "\n-- edited later\n") : s)
            .ToList();
        var ex = await Should.ThrowAsync<MigrationTamperedException>(() => NewMigrator().MigrateAsync(owner, tampered));
        ex.FileName.ShouldBe(Migrator.EmbeddedScripts()[0].FileName);
        ex.Message.ShouldContain("add a new migration");
    }

    [Fact]
    public void Line_endings_alone_do_not_count_as_a_change()
    {
        var script = Migrator.EmbeddedScripts()[0];
        MigrationScript.FromFile(script.FileName, script.Sql.Replace("\n", "\r\n")).Checksum.ShouldBe(script.Checksum);
    }
}
