using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.ListBreachAlerts;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Identity;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.ExportBreachAlerts;

/// <summary>The alerts as filtered on screen, as an .xlsx 台账 (at most <see cref="Common.PagedExport.MaxRows"/> rows).</summary>
[AllowRoles(Role.IntegrityOfficer, Role.Leader, Role.Admin)]
public sealed record ExportBreachAlerts(BreachAlertFilter Filter) : IQuery<FileDownload>;

public sealed class ExportBreachAlertsHandler(IDbSession db, IXlsxExporter xlsx, TimeProvider clock) : IRequestHandler<ExportBreachAlerts, FileDownload>
{
    public async Task<FileDownload> Handle(ExportBreachAlerts r, CancellationToken ct)
    {
        var alerts = await BreachAlertQuery.RunAsync(await db.ConnectionAsync(ct), r.Filter, Common.PagedExport.MaxRows, ct);
        var rows = alerts.Select((a, n) => (IReadOnlyList<object?>)
        [
            n + 1, Text.Get($"breach.kind.{a.Kind}"), a.RaisedAt, a.UnitName, a.ProjectNumber, a.InvestorName, Text.Get($"commitmentkind.{a.CommitmentKind}"),
            a.Clause, a.ValueCny, a.Promiser, a.MadeOn, a.DueDate, Text.Get($"breach.status.{a.Status}"), a.DismissReason, a.CaseNumber,
        ]);
        string[] headers =
        [
            Text.Get("export.no"), Text.Get("alerts.kind"), Text.Get("integrity.raised_at"), Text.Get("crm.unit"), Text.Get("alerts.project"),
            Text.Get("alerts.investor"), Text.Get("alerts.commitment_kind"), Text.Get("alerts.clause"), Text.Get("alerts.value"), Text.Get("alerts.promiser"),
            Text.Get("alerts.made_on"), Text.Get("alerts.due_date"), Text.Get("alerts.status"), Text.Get("alerts.dismiss_reason"), Text.Get("alerts.case"),
        ];
        var content = xlsx.Export(Text.Get("integrity.queue"), Text.Get("alerts.export_title"), headers, rows);
        return new FileDownload($"breach-alerts-{clock.GetUtcNow():yyyyMMdd}.xlsx", FileDownload.XlsxContentType, content);
    }
}
