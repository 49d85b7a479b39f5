using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm.Investors.ImportInvestors;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Identity;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Investors.GetInvestorImportTemplate;

/// <summary>An empty import sheet with the expected headers and one example row.</summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record GetInvestorImportTemplate : IQuery<FileDownload>;

public sealed class GetInvestorImportTemplateHandler(IXlsxExporter xlsx) : IRequestHandler<GetInvestorImportTemplate, FileDownload>
{
    public Task<FileDownload> Handle(GetInvestorImportTemplate r, CancellationToken ct)
    {
        IReadOnlyList<object?> example = ["示例：海川某某科技有限公司", "914403001922038216", "民营", "广东", "C3841", "否", "否"];
        return xlsx.ExportAsync("investor-import-template.xlsx",
            new XlsxLayout(Text.Get("import.sheet"), Text.Get("import.template_title"), InvestorImportColumns.Headers), [example], ct);
    }
}
