using System.Globalization;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using MediatR;

namespace BizEnv.Invest.Application.Crm.WeeklyReports.ExportWeeklyReports;

/// <summary>A week's reports as one .xlsx, one row per key project.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record ExportWeeklyReports(DateOnly Week) : IQuery<FileDownload>;

public sealed class ExportWeeklyReportsHandler(IMediator mediator, IXlsxExporter xlsx) : IRequestHandler<ExportWeeklyReports, FileDownload>
{
    public async Task<FileDownload> Handle(ExportWeeklyReports r, CancellationToken ct)
    {
        var monday = ReportWeek.StartOf(r.Week);
        var reports = await mediator.Send(new ListWeeklyReports.ListWeeklyReports(monday), ct);
        string[] headers =
        [
            Text.Get("export.no"), Text.Get("projects.number"), Text.Get("projects.name"), Text.Get("crm.unit"), Text.Get("weekly.progress"),
            Text.Get("weekly.investment_to_date"), Text.Get("weekly.issues"), Text.Get("weekly.next_steps"), Text.Get("weekly.status"),
        ];
        var rows = reports.Select((w, i) => (IReadOnlyList<object?>)
            [i + 1, w.ProjectNumber, w.ProjectName, w.UnitName, w.Progress, w.InvestmentToDate, w.Issues, w.NextSteps, Text.Get($"weekly.status.{w.Status}")]);
        var title = Text.Get("weekly.export_title", monday, ReportWeek.EndOf(monday));
        return await xlsx.ExportAsync($"weekly-reports-{monday.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.xlsx",
            new XlsxLayout(Text.Get("weekly.title"), title, headers), rows, ct);
    }
}
