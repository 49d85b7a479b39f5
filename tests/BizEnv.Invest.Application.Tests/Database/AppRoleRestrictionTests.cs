using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Tests.Database;

public sealed class AppRoleRestrictionTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<PostgresException> AsAppRole(string sql)
    {
        await using var cn = new NpgsqlConnection(app.Database.AppConnectionString);
        return await Should.ThrowAsync<PostgresException>(() => cn.ExecuteAsync(sql));
    }

    private async Task SeedAuditRow()
    {
        await using var cn = new NpgsqlConnection(app.Database.AppConnectionString);
        await cn.ExecuteAsync("INSERT INTO audit_log (at, user_name, roles, action, outcome) VALUES (now(), 'x', '', 'Test', 'success')");
    }

    [Fact]
    public async Task The_app_role_can_append_audit_rows_but_never_update_or_delete_them()
    {
        await SeedAuditRow();
        (await AsAppRole("UPDATE audit_log SET outcome = 'forged'")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await AsAppRole("DELETE FROM audit_log")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await AsAppRole("TRUNCATE audit_log")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE outcome = 'forged'")).ShouldBe(0);
    }

    [Fact]
    public async Task Even_the_schema_owner_is_stopped_by_the_append_only_trigger()
    {
        await SeedAuditRow();
        await using var cn = new NpgsqlConnection(app.Database.OwnerConnectionString);
        var ex = await Should.ThrowAsync<PostgresException>(() => cn.ExecuteAsync("DELETE FROM audit_log"));
        ex.MessageText.ShouldContain("append-only");
    }

    [Fact]
    public async Task The_app_role_cannot_change_the_schema()
    {
        (await AsAppRole("CREATE TABLE sneaky (id int)")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await AsAppRole("ALTER TABLE users ADD COLUMN sneaky int")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await AsAppRole("DROP TABLE audit_log")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }
}
