using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Chains.Reports.GetChainReport;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Identity;
using MediatR;

namespace BizEnv.Invest.Application.Chains.Reports.ExportChainReport;

/// <summary>The chain report as an .xlsx 台账: one row per node, then the totals.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.Admin)]
public sealed record ExportChainReport(Guid ChainId, DateOnly? From = null, DateOnly? To = null) : IQuery<FileDownload>;

public sealed class ExportChainReportHandler(IMediator mediator, IXlsxExporter xlsx) : IRequestHandler<ExportChainReport, FileDownload>
{
    public async Task<FileDownload> Handle(ExportChainReport r, CancellationToken ct)
    {
        var report = await mediator.Send(new GetChainReport.GetChainReport(r.ChainId, r.From, r.To), ct);
        string[] headers =
        [
            Text.Get("export.no"), Text.Get("chains.segment"), Text.Get("chains.node"), Text.Get("chains.report.status_start"), Text.Get("chains.report.status_end"),
            Text.Get("chains.report.firms_end"), Text.Get("chains.report.new_firms"), Text.Get("chains.report.gap_closed"), Text.Get("chains.report.new_targets"),
            Text.Get("chains.report.contacted"), Text.Get("chains.report.signed"), Text.Get("chains.report.investment_wan"), Text.Get("chains.report.jobs"),
        ];
        var rows = report.Rows.Select((x, i) => (IReadOnlyList<object?>)
        [
            i + 1, Text.Get($"chainsegment.{x.Segment}"), x.NodeName, Text.Get($"chainnodestatus.{x.StatusAtStart}"), Text.Get($"chainnodestatus.{x.StatusAtEnd}"),
            x.FirmsAtEnd, x.NewFirms, x.GapClosed ? Text.Get("chains.report.yes") : "", x.NewTargets, x.TargetsContacted, x.TargetsSigned,
            Math.Round(x.InvestmentAtEnd / MoneyText.YuanPerWan, 2), x.JobsAtEnd,
        ]).Append(
        [
            Text.Get("chains.report.total"), "", Text.Get("chains.report.completeness", report.AtStart.Percent, report.AtEnd.Percent), "", "",
            report.Rows.Sum(x => x.FirmsAtEnd), report.NewFirms, report.GapsClosed, report.NewTargets, report.TargetsContacted, report.TargetsSigned,
            Math.Round(report.Rows.Sum(x => x.InvestmentAtEnd) / MoneyText.YuanPerWan, 2), report.Rows.Sum(x => x.JobsAtEnd),
        ]);
        var title = Text.Get("chains.report.export_title", report.ChainName, report.From, report.To);
        return await xlsx.ExportAsync($"chain-report-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}.xlsx",
            new XlsxLayout(Text.Get("chains.report.sheet"), title, headers), rows, ct);
    }
}
