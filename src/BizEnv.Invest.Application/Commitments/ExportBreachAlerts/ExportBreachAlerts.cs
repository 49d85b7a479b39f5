using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.ListBreachAlerts;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.ExportBreachAlerts;

/// <summary>The alerts as filtered on screen, as an .xlsx 台账 (at most <see cref="ExportRows.MaxRows"/> rows).</summary>
[AllowRoles(Role.IntegrityOfficer, Role.Leader, Role.Admin)]
public sealed record ExportBreachAlerts(BreachAlertFilter Filter) : IQuery<FileDownload>;

public sealed class ExportBreachAlertsHandler(IDbSession db, IXlsxExporter xlsx, TimeProvider clock) : IRequestHandler<ExportBreachAlerts, FileDownload>
{
    public async Task<FileDownload> Handle(ExportBreachAlerts r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        // The queue's own query without its screenful limit, read as it is written to the file.
        var alerts = cn.QueryUnbufferedAsync<BreachAlertDto>(BreachAlertQuery.Sql, BreachAlertQuery.Args(r.Filter, ExportRows.QueryLimit),
            commandTimeout: ExportRows.QueryTimeoutSeconds);
        var rows = ExportRows.Capped(alerts, (a, n) =>
        [
            n + 1, Text.Get($"breach.kind.{a.Kind}"), a.RaisedAt, a.UnitName, a.ProjectNumber, a.InvestorName, Text.Get($"commitmentkind.{a.CommitmentKind}"),
            a.Clause, a.ValueCny, a.Promiser, a.MadeOn, a.DueDate, Text.Get($"breach.status.{a.Status}"), a.DismissReason, a.CaseNumber,
        ], ct: ct);
        string[] headers =
        [
            Text.Get("export.no"), Text.Get("alerts.kind"), Text.Get("integrity.raised_at"), Text.Get("crm.unit"), Text.Get("alerts.project"),
            Text.Get("alerts.investor"), Text.Get("alerts.commitment_kind"), Text.Get("alerts.clause"), Text.Get("alerts.value"), Text.Get("alerts.promiser"),
            Text.Get("alerts.made_on"), Text.Get("alerts.due_date"), Text.Get("alerts.status"), Text.Get("alerts.dismiss_reason"), Text.Get("alerts.case"),
        ];
        return await xlsx.ExportAsync($"breach-alerts-{clock.GetUtcNow():yyyyMMdd}.xlsx",
            new XlsxLayout(Text.Get("integrity.queue"), Text.Get("alerts.export_title"), headers), rows, ct);
    }
}
