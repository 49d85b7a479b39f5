using BizEnv.Invest.Application.Identity;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BizEnv.Invest.Infrastructure.Seeding;

/// <summary>
/// The fictional city of 海川市 (Haichuan): its units and one demo account per role, loaded once
/// (journaled as "demo:foundation"). Demo accounts skip the first-sign-in password change.
/// </summary>
public sealed class DemoSeeder(NpgsqlDataSource dataSource, Passwords passwords, TimeProvider clock, ILogger<DemoSeeder> log)
{
    public const string Marker = "demo:foundation";

    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        await using var cn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await cn.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        if (!await SeedRuns.ClaimAsync(cn, tx, Marker, now, ct))
            return false;

        var units = EmbeddedJson.Read<List<DemoUnit>>("Demo.units.json");
        var ids = new Dictionary<string, Guid>();
        foreach (var unit in units)
        {
            ids[unit.Code] = await cn.ExecuteScalarAsync<Guid>(new CommandDefinition("""
                INSERT INTO units (id, parent_id, code, name_zh, name_en, kind, created_at)
                VALUES (@id, @parent, @Code, @NameZh, @NameEn, @Kind, @now)
                ON CONFLICT (code) DO UPDATE SET code = excluded.code
                RETURNING id
                """, new { id = Guid.NewGuid(), parent = unit.Parent is null ? (Guid?)null : ids[unit.Parent], unit.Code, unit.NameZh, unit.NameEn, unit.Kind, now },
                tx, cancellationToken: ct));
        }

        var accounts = EmbeddedJson.Read<DemoUsers>("Demo.users.json");
        var hash = passwords.Hash(accounts.Password);
        foreach (var user in accounts.Users)
        {
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO users (id, user_name, display_name, unit_id, roles, email, password_hash, must_change_password,
                                   security_stamp, created_at, updated_at)
                VALUES (@id, @UserName, @DisplayName, @unit, @Roles, @Email, @hash, false, @stamp, @now, @now)
                ON CONFLICT DO NOTHING
                """, new { id = Guid.NewGuid(), user.UserName, user.DisplayName, unit = ids[user.Unit], Roles = user.Roles.ToArray(), user.Email, hash, stamp = Guid.NewGuid(), now },
                tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
        log.LogInformation("Loaded demo data: {Units} units, {Users} accounts", units.Count, accounts.Users.Count);
        return true;
    }

    public static DemoUsers Accounts() => EmbeddedJson.Read<DemoUsers>("Demo.users.json");

    public sealed record DemoUnit(string Code, string? Parent, string Kind, string NameZh, string NameEn);

    public sealed record DemoUsers(string Password, List<DemoUser> Users);

    public sealed record DemoUser(string UserName, string DisplayName, string Unit, List<string> Roles, string? Email);
}
