namespace BizEnv.Invest.Application.Audit.SearchAuditLog;

/// <summary>
/// The audit-log filter shared by the browse page and the .xlsx export, so both show the same rows
/// (public so the benchmark harness can time the same SQL raw).
/// </summary>
public sealed record AuditLogFilter(DateTimeOffset? From, DateTimeOffset? To, string? UserName, string? Action, string? Outcome, string? ObjectType)
{
    public const string Select = """
        SELECT a.id AS Id, a.at AS At, a.user_id AS UserId, a.user_name AS UserName, a.roles AS Roles, a.action AS Action,
               a.object_type AS ObjectType, a.object_id AS ObjectId, a.outcome AS Outcome, a.detail AS Detail, a.client_ip AS ClientIp,
               a.reason AS Reason, (
        """ + AuditObjectNames.Sql + """
        ) AS ObjectName
        FROM audit_log a
        """;

    public const string Where = """
         WHERE (@From::timestamptz IS NULL OR a.at >= @From)
           AND (@To::timestamptz IS NULL OR a.at < @To)
           AND (@UserName::text IS NULL OR lower(a.user_name) = lower(@UserName))
           AND (@Action::text IS NULL OR a.action = @Action)
           AND (@Outcome::text IS NULL OR a.outcome LIKE @Outcome || '%')
           AND (@ObjectType::text IS NULL OR a.object_type = @ObjectType)
        """;

    public const string NewestFirst = " ORDER BY a.at DESC, a.id DESC";

    public static AuditLogFilter Of(SearchAuditLog q) =>
        new(q.From, q.To, Blank(q.UserName), Blank(q.Action), Blank(q.Outcome), Blank(q.ObjectType));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
