using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.AgreementFigures.GetAgreementFigures;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.AgreementFigures.ExportAgreementFigures;

/// <summary>
/// The figures page's agreement figures as an .xlsx in the 台账 layout, one sheet each: contingent liabilities (unit ×
/// year due, in 万元, with totals), obligations by kind, defaults and recoveries by unit. Same scope as the page.
/// </summary>
[AllowRoles(Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record ExportAgreementFigures(Guid? UnitId = null) : IQuery<FileDownload>;

public sealed class ExportAgreementFiguresHandler(IMediator mediator, IXlsxExporter xlsx, TimeProvider clock) : IRequestHandler<ExportAgreementFigures, FileDownload>
{
    public async Task<FileDownload> Handle(ExportAgreementFigures r, CancellationToken ct)
    {
        var set = await mediator.Send(new GetAgreementFigures.GetAgreementFigures(r.UnitId), ct);
        var today = clock.Today();
        var total = Text.Get("agreementfigures.total");
        var scope = set.UnitName ?? Text.Get("alerts.all_units");
        return await xlsx.ExportAsync($"agreement-figures-{today:yyyyMMdd}.xlsx",
            [Liabilities(set.Pivot(total), scope, today), Obligations(set, total, scope, today), Defaults(set, total, scope, today)], ct);
    }

    private static decimal Wan(decimal yuan) => Math.Round(yuan / MoneyText.YuanPerWan, 2, MidpointRounding.AwayFromZero);

    private static XlsxWorksheet Liabilities(LiabilityPivot pivot, string scope, DateOnly today)
    {
        string[] headers =
        [
            Text.Get("export.no"), Text.Get("agreementfigures.unit"), .. pivot.Years.Select(y => Text.Get("agreementfigures.year_due_wan", y)),
            Text.Get("agreementfigures.running_total_wan"), Text.Get("agreementfigures.lapsed_undelivered_wan"),
        ];
        IReadOnlyList<object?> Row(object? no, LiabilityRow x) => [no, x.UnitName, .. x.ByYear.Select(v => (object?)Wan(v)), Wan(x.Running), Wan(x.Lapsed)];
        var rows = pivot.Rows.Select((x, i) => Row(i + 1, x)).Append(Row(null, pivot.Totals));
        return new XlsxWorksheet(new XlsxLayout(Text.Get("agreementfigures.liabilities_sheet"),
            Text.Get("agreementfigures.liabilities_export_title", scope, today), headers), rows);
    }

    private static XlsxWorksheet Obligations(AgreementFigureSet set, string total, string scope, DateOnly today)
    {
        string[] headers =
        [
            Text.Get("export.no"), Text.Get("agreementfigures.kind"), Text.Get("agreementfigures.met"), Text.Get("agreementfigures.cured"),
            Text.Get("agreementfigures.missed"), Text.Get("agreementfigures.open_overdue"),
            Text.Get("agreementfigures.open_not_due"), Text.Get("agreementfigures.obligations_total"), Text.Get("agreementfigures.met_rate_pct"),
        ];
        IReadOnlyList<object?> Row(object? no, string kind, ObligationKindFigure x) =>
            [no, kind, x.Met, x.Cured, x.Missed, x.OpenOverdue, x.OpenNotDue, x.Total, x.MetRate];
        var rows = set.Obligations.Select((x, i) => Row(i + 1, Text.Get($"obligationkind.{x.Kind}"), x)).Append(Row(null, total, set.ObligationTotals(total)));
        return new XlsxWorksheet(new XlsxLayout(Text.Get("agreementfigures.obligations_sheet"),
            Text.Get("agreementfigures.obligations_export_title", scope, today), headers), rows);
    }

    private static XlsxWorksheet Defaults(AgreementFigureSet set, string total, string scope, DateOnly today)
    {
        string[] headers =
        [
            Text.Get("export.no"), Text.Get("agreementfigures.unit"), Text.Get("agreementfigures.defaults_open"), Text.Get("agreementfigures.defaults_closed"),
            Text.Get("agreementfigures.amount_due_wan"), Text.Get("agreementfigures.amount_recovered_wan"), Text.Get("agreementfigures.recovery_rate_pct"),
        ];
        IReadOnlyList<object?> Row(object? no, DefaultFigure x) => [no, x.UnitName, x.Open, x.Closed, Wan(x.AmountDue), Wan(x.AmountRecovered), x.RecoveryRate];
        var rows = set.Defaults.Select((x, i) => Row(i + 1, x)).Append(Row(null, set.DefaultTotals(total)));
        return new XlsxWorksheet(new XlsxLayout(Text.Get("agreementfigures.defaults_sheet"),
            Text.Get("agreementfigures.defaults_export_title", scope, today), headers), rows);
    }
}
