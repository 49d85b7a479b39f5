using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Audit;

/// <summary>Appends to audit_log, which the app's database role can insert into but never change.</summary>
public sealed class AuditWriter(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Insert = """
        INSERT INTO audit_log (at, user_id, user_name, roles, action, object_type, object_id, outcome, detail, client_ip)
        VALUES (@At, @UserId, @UserName, @Roles, @Action, @ObjectType, @ObjectId, @Outcome, @Detail, @ClientIp)
        """;

    public Task WriteAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, AuditEntry entry, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition(Insert, Parameters(entry), tx, cancellationToken: ct));

    /// <summary>For outcomes whose own transaction was rolled back (refusals, failed sign-ins).</summary>
    public async Task WriteAloneAsync(AuditEntry entry, CancellationToken ct)
    {
        await using var cn = await dataSource.OpenConnectionAsync(ct);
        await WriteAsync(cn, null, entry, ct);
    }

    private object Parameters(AuditEntry e) => new
    {
        At = clock.GetUtcNow(),
        e.UserId,
        e.UserName,
        e.Roles,
        e.Action,
        e.ObjectType,
        e.ObjectId,
        e.Outcome,
        Detail = e.Detail is { Length: > 2000 } d ? d[..2000] : e.Detail,
        e.ClientIp,
    };
}
