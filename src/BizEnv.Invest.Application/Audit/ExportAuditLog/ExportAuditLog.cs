using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Audit.SearchAuditLog;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Audit.ExportAuditLog;

/// <summary>The filtered audit log as .xlsx, newest first (at most <see cref="ExportRows.MaxRows"/> rows; narrow the filter for more).</summary>
[AllowRoles(Role.Admin, Role.IntegrityOfficer)]
public sealed record ExportAuditLog(SearchAuditLog.SearchAuditLog Filter) : IQuery<FileDownload>;

public sealed class ExportAuditLogHandler(IDbSession db, IXlsxExporter xlsx, TimeProvider clock) : IRequestHandler<ExportAuditLog, FileDownload>
{
    /// <summary>The browse page's statement without its paging, public so the benchmark harness can time the same SQL raw.</summary>
    public const string Sql = AuditLogFilter.Select + AuditLogFilter.Where + AuditLogFilter.NewestFirst + " LIMIT @limit";

    public async Task<FileDownload> Handle(ExportAuditLog request, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        // Read as written to the file, one row at a time: the export's memory does not grow with the log.
        var entries = cn.QueryUnbufferedAsync<AuditLogEntryDto>(Sql,
            new DynamicParameters(AuditLogFilter.Of(request.Filter)).With(new { limit = ExportRows.QueryLimit }),
            commandTimeout: ExportRows.QueryTimeoutSeconds);
        string[] headers =
        [
            Text.Get("audit.col.id"), Text.Get("audit.col.at"), Text.Get("audit.col.user"), Text.Get("audit.col.roles"),
            Text.Get("audit.col.action"), Text.Get("audit.col.object_type"), Text.Get("audit.col.object"), Text.Get("audit.col.object_id"),
            Text.Get("audit.col.outcome"), Text.Get("audit.col.reason"), Text.Get("audit.col.detail"), Text.Get("audit.col.ip"),
        ];
        // Words for people, and the object's stored id beside its name for whoever cross-checks the database.
        var rows = ExportRows.Capped(entries, (r, _) => [r.Id, r.At, r.UserName, r.Roles, r.ActionText, r.ObjectTypeText, r.ObjectName, r.ObjectId,
            r.OutcomeText, r.ReasonText, r.Detail, r.ClientIp], ct: ct);
        return await xlsx.ExportAsync($"audit-log-{clock.GetUtcNow():yyyyMMdd-HHmm}.xlsx",
            new XlsxLayout(Text.Get("audit.sheet"), Text.Get("audit.export_title"), headers), rows, ct);
    }
}
