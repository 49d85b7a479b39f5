using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Remediation.ImportRemediation;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Identity;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Remediation.GetRemediationImportTemplate;

/// <summary>An empty historical-promise sheet with the expected headers and one example row.</summary>
[AllowRoles(Role.IntegrityOfficer)]
public sealed record GetRemediationImportTemplate : IQuery<FileDownload>;

public sealed class GetRemediationImportTemplateHandler(IXlsxExporter xlsx) : IRequestHandler<GetRemediationImportTemplate, FileDownload>
{
    public Task<FileDownload> Handle(GetRemediationImportTemplate r, CancellationToken ct)
    {
        IReadOnlyList<object?> example = ["HC-2016-0001", "补贴奖励", "示例：设备投资补助 5%", 3000000m, "2016-05-10", "2017-06-30", "张三", "海川市工业扶持办法",
            "海府〔2015〕12号", "HT-2016-031", "招商一处", "2027-03-31"];
        return xlsx.ExportAsync("remediation-import-template.xlsx",
            new XlsxLayout(Text.Get("remediation.import_sheet"), Text.Get("remediation.import_template_title"), RemediationImportColumns.Headers), [example], ct);
    }
}
