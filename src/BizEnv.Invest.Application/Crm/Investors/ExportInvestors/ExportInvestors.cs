using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm.Investors.ListInvestors;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Identity;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Investors.ExportInvestors;

/// <summary>The investor list as filtered on screen, as an .xlsx 台账 (at most 50,000 rows).</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record ExportInvestors(ListInvestors.ListInvestors Filter) : IQuery<FileDownload>;

public sealed class ExportInvestorsHandler(IMediator mediator, IXlsxExporter xlsx, TimeProvider clock) : IRequestHandler<ExportInvestors, FileDownload>
{
    public async Task<FileDownload> Handle(ExportInvestors r, CancellationToken ct)
    {
        // The list query itself, page by page: same filter, same access rules as the screen.
        var rows = new List<IReadOnlyList<object?>>();
        for (var page = 1; rows.Count < 50_000; page++)
        {
            var result = await mediator.Send(r.Filter with { Page = page, PageSize = Common.Paging.MaxPageSize }, ct);
            rows.AddRange(result.Items.Select((i, n) => (IReadOnlyList<object?>)
            [
                rows.Count + n + 1, i.Name, i.CreditCode, Text.Get($"ownership.{i.Ownership}"), i.HomeRegion, i.IndustryCode, i.IndustryName,
                i.IsFortune500, i.IsChina500, i.ProjectCount, i.LastVisitOn, i.UnitName,
            ]));
            if (page >= result.PageCount)
                break;
        }
        string[] headers =
        [
            Text.Get("export.no"), Text.Get("investors.name"), Text.Get("investors.credit_code"), Text.Get("investors.ownership"),
            Text.Get("investors.home_region"), Text.Get("export.industry_code"), Text.Get("export.industry_name"), Text.Get("investors.fortune500"),
            Text.Get("investors.china500"), Text.Get("investors.projects"), Text.Get("investors.last_visit"), Text.Get("crm.unit"),
        ];
        var content = xlsx.Export(Text.Get("investors.title"), Text.Get("export.investors_title"), headers, rows);
        return new FileDownload($"investors-{clock.GetUtcNow():yyyyMMdd}.xlsx", FileDownload.XlsxContentType, content);
    }
}
