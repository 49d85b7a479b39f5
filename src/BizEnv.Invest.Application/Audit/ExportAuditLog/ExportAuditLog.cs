using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Audit.SearchAuditLog;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Audit.ExportAuditLog;

/// <summary>The filtered audit log as .xlsx (at most <see cref="MaxRows"/> rows; narrow the filter for more).</summary>
[AllowRoles(Role.Admin, Role.IntegrityOfficer)]
public sealed record ExportAuditLog(SearchAuditLog.SearchAuditLog Filter) : IQuery<FileDownload>;

public sealed class ExportAuditLogHandler(IDbSession db, IXlsxExporter xlsx, TimeProvider clock) : IRequestHandler<ExportAuditLog, FileDownload>
{
    public const int MaxRows = 100_000;

    public async Task<FileDownload> Handle(ExportAuditLog request, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var rows = await cn.QueryAsync<AuditLogEntryDto>(new CommandDefinition(
            AuditLogFilter.Select + AuditLogFilter.Where + $" ORDER BY a.at DESC, a.id DESC LIMIT {MaxRows}",
            AuditLogFilter.Of(request.Filter), cancellationToken: ct));
        string[] headers =
        [
            Text.Get("audit.col.id"), Text.Get("audit.col.at"), Text.Get("audit.col.user"), Text.Get("audit.col.roles"),
            Text.Get("audit.col.action"), Text.Get("audit.col.object_type"), Text.Get("audit.col.object_id"),
            Text.Get("audit.col.outcome"), Text.Get("audit.col.detail"), Text.Get("audit.col.ip"),
        ];
        var content = xlsx.Export(Text.Get("audit.sheet"), Text.Get("audit.export_title"), headers,
            rows.Select(r => (IReadOnlyList<object?>)[r.Id, r.At, r.UserName, r.Roles, r.Action, r.ObjectType, r.ObjectId, r.Outcome, r.Detail, r.ClientIp]));
        return new FileDownload($"audit-log-{clock.GetUtcNow():yyyyMMdd-HHmm}.xlsx", FileDownload.XlsxContentType, content);
    }
}
