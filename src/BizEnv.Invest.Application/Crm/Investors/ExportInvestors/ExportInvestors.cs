using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm.Investors.ListInvestors;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Identity;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Investors.ExportInvestors;

/// <summary>The investor list as filtered on screen, as an .xlsx 台账 (at most <see cref="Common.PagedExport.MaxRows"/> rows).</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record ExportInvestors(ListInvestors.ListInvestors Filter) : IQuery<FileDownload>;

public sealed class ExportInvestorsHandler(IMediator mediator, IXlsxExporter xlsx, TimeProvider clock) : IRequestHandler<ExportInvestors, FileDownload>
{
    public async Task<FileDownload> Handle(ExportInvestors r, CancellationToken ct)
    {
        var investors = await Common.PagedExport.CollectAsync(page => mediator.Send(r.Filter with { Page = page, PageSize = Common.Paging.MaxPageSize }, ct));
        var rows = investors.Select((i, n) => (IReadOnlyList<object?>)
        [
            n + 1, i.Name, i.CreditCode, Text.Get($"ownership.{i.Ownership}"), i.HomeRegion, i.IndustryCode, i.IndustryName,
            i.IsFortune500, i.IsChina500, i.ProjectCount, i.LastVisitOn, i.UnitName,
        ]);
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
