using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Audit;

/// <summary>Appends to audit_log, which the app's database role can insert into but never change.</summary>
public sealed class AuditWriter(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>The audit row's insert (public for the benchmark's raw run of the same statements).</summary>
    public const string Insert = """
        INSERT INTO audit_log (at, user_id, user_name, roles, action, object_type, object_id, outcome, detail, client_ip, reason)
        VALUES (@At, @UserId, @UserName, @Roles, @Action, @ObjectType, @ObjectId, @Outcome, @Detail, @ClientIp, @Reason)
        """;

    public Task WriteAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, AuditEntry entry, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition(Insert, Parameters(entry), tx, cancellationToken: ct));

    /// <summary>For outcomes whose own transaction was rolled back (refusals, failed sign-ins).</summary>
    public async Task WriteAloneAsync(AuditEntry entry, CancellationToken ct)
    {
        await using var cn = await dataSource.OpenConnectionAsync(ct);
        await WriteAsync(cn, null, entry, ct);
    }

    // Whatever a caller typed must still be auditable: an attempt with a 100,000-character user name
    // or a NUL character (which PostgreSQL text refuses) is recorded, cut and cleaned, never dropped.
    private object Parameters(AuditEntry e) => new
    {
        At = clock.GetUtcNow(),
        e.UserId,
        UserName = Recordable(e.UserName, 200)!,
        e.Roles,
        Action = Recordable(e.Action, 200)!,
        ObjectType = Recordable(e.ObjectType, 100),
        ObjectId = Recordable(e.ObjectId, 200),
        Outcome = Recordable(e.Outcome, 200)!,
        Detail = Recordable(e.Detail, 2000),
        ClientIp = Recordable(e.ClientIp, 100),
        Reason = Recordable(e.Reason, 2000),
    };

    internal static string? Recordable(string? text, int max)
    {
        if (text is null)
            return null;
        var cut = text.Length > max ? text[..max] + "…" : text;
        return cut.Contains('\0') ? cut.Replace('\0', '\uFFFD') : cut;
    }
}
