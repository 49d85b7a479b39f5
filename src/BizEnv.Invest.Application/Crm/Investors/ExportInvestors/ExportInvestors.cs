using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm.Investors.ListInvestors;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Investors.ExportInvestors;

/// <summary>The investor list as filtered and sorted on screen, as an .xlsx 台账 (at most <see cref="ExportRows.MaxRows"/> rows).</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record ExportInvestors(ListInvestors.ListInvestors Filter) : IQuery<FileDownload>;

public sealed class ExportInvestorsHandler(IDbSession db, ActorContext actor, IXlsxExporter xlsx, TimeProvider clock) : IRequestHandler<ExportInvestors, FileDownload>
{
    public async Task<FileDownload> Handle(ExportInvestors r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        // The list's own query and scope, every row in one pass, read as it is written to the file.
        var investors = cn.QueryUnbufferedAsync<InvestorRow>(InvestorListQuery.PageSql(InvestorListQuery.Order(r.Filter)),
            InvestorListQuery.Args(r.Filter, actor.Actor, ExportRows.QueryLimit, 0), commandTimeout: ExportRows.QueryTimeoutSeconds);
        var rows = ExportRows.Capped(investors, (i, n) =>
        [
            n + 1, i.Name, i.CreditCode, Text.Get($"ownership.{i.Ownership}"), i.HomeRegion, i.IndustryCode, i.IndustryName,
            i.IsFortune500, i.IsChina500, i.ProjectCount, i.LastVisitOn, i.UnitName,
        ], ct: ct);
        string[] headers =
        [
            Text.Get("export.no"), Text.Get("investors.name"), Text.Get("investors.credit_code"), Text.Get("investors.ownership"),
            Text.Get("investors.home_region"), Text.Get("export.industry_code"), Text.Get("export.industry_name"), Text.Get("investors.fortune500"),
            Text.Get("investors.china500"), Text.Get("investors.projects"), Text.Get("investors.last_visit"), Text.Get("crm.unit"),
        ];
        return await xlsx.ExportAsync($"investors-{clock.GetUtcNow():yyyyMMdd}.xlsx",
            new XlsxLayout(Text.Get("investors.title"), Text.Get("export.investors_title"), headers), rows, ct);
    }
}
