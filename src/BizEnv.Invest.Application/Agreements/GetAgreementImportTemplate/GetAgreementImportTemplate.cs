using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Agreements.ImportAgreements;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Identity;
using MediatR;

namespace BizEnv.Invest.Application.Agreements.GetAgreementImportTemplate;

/// <summary>An empty agreements sheet with the expected headers and an example agreement of two obligations.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record GetAgreementImportTemplate : IQuery<FileDownload>;

public sealed class GetAgreementImportTemplateHandler(IXlsxExporter xlsx) : IRequestHandler<GetAgreementImportTemplate, FileDownload>
{
    public Task<FileDownload> Handle(GetAgreementImportTemplate r, CancellationToken ct)
    {
        IReadOnlyList<object?>[] example =
        [
            ["HC-TZ-2026-001", "HC-2026-0001", "年产10GWh储能电池项目投资协议", "招商一处", "李主任", "王总", "2026-03-01", 30,
                Text.In(Text.Chinese, "obligationkind.StartOfConstruction"), "2026年9月30日前开工", null, null, "2026-09-30", 30, Text.In(Text.Chinese, "remedy.TakeBackIdleLand"), null],
            ["HC-TZ-2026-001", "HC-2026-0001", "年产10GWh储能电池项目投资协议", "招商一处", "李主任", "王总", "2026-03-01", 30,
                Text.In(Text.Chinese, "obligationkind.TaxPerMu"), "达产后亩均税收不低于30万元", 30m, "万元/亩/年", "2028-12-31", 60, Text.In(Text.Chinese, "remedy.RecoverSubsidy"), 5000000m],
        ];
        return xlsx.ExportAsync("agreement-import-template.xlsx",
            new XlsxLayout(Text.Get("agreement.import_sheet"), Text.Get("agreement.import_template_title"), AgreementImportColumns.Headers), example, ct);
    }
}
