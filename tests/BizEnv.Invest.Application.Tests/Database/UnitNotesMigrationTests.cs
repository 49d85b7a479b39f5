using BizEnv.Invest.Infrastructure.Migrations;
using BizEnv.Invest.Testing;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Tests.Database;

/// <summary>Migration 0017 keeps every firm's old shared notes, as the owning unit's internal notes.</summary>
public sealed class UnitNotesMigrationTests
{
    [Fact]
    public async Task The_old_shared_notes_become_the_owning_units_internal_notes_and_the_column_goes()
    {
        await TestPostgres.CreateDatabaseAsync("roles");
        var owner = await MigrationTests.EmptyDatabase();
        var scripts = Migrator.EmbeddedScripts();
        await MigrationTests.NewMigrator().MigrateAsync(owner, scripts.Where(s => s.Id < 17).ToList());

        await using var cn = new NpgsqlConnection(owner);
        var (unit, user, noted, blank) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await cn.ExecuteAsync("""
            INSERT INTO units (id, code, name_zh, name_en, kind, created_at) VALUES (@unit, 'ZS1', '招商一处', 'Division 1', 'Division', now());
            INSERT INTO users (id, user_name, display_name, unit_id, roles, password_hash, security_stamp, created_at, updated_at)
            VALUES (@user, 'officer', '李志强', @unit, '{PromotionOfficer}', 'x', gen_random_uuid(), now(), now());
            INSERT INTO investors (id, unit_id, name, ownership, notes, created_by, created_at, updated_at)
            VALUES (@noted, @unit, '有备注有限公司', 'Private', '老备注', @user, now(), now()),
                   (@blank, @unit, '无备注有限公司', 'Private', '  ', @user, now(), now());
            """, new { unit, user, noted, blank });

        (await MigrationTests.NewMigrator().MigrateAsync(owner)).ShouldContain("0017_unit_private_notes_and_contacts.sql");

        var notes = (await cn.QueryAsync<(Guid InvestorId, Guid UnitId, string Body)>("SELECT investor_id, unit_id, body FROM investor_unit_notes")).ToList();
        notes.ShouldBe([(noted, unit, "老备注")]);
        (await cn.ExecuteScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 'investors' AND column_name = 'notes'")).ShouldBe(0);
    }
}
