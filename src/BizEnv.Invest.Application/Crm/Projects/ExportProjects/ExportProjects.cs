using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Identity;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Projects.ExportProjects;

/// <summary>The project list as filtered on screen, as an .xlsx 台账 (at most <see cref="Common.PagedExport.MaxRows"/> rows). Amounts in yuan.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record ExportProjects(ListProjects.ListProjects Filter) : IQuery<FileDownload>;

public sealed class ExportProjectsHandler(IMediator mediator, IXlsxExporter xlsx, TimeProvider clock) : IRequestHandler<ExportProjects, FileDownload>
{
    public async Task<FileDownload> Handle(ExportProjects r, CancellationToken ct)
    {
        var projects = await Common.PagedExport.CollectAsync(page => mediator.Send(r.Filter with { Page = page, PageSize = Common.Paging.MaxPageSize }, ct));
        var rows = projects.Select((p, n) => (IReadOnlyList<object?>)
        [
            n + 1, p.Number, p.Name, p.InvestorName, Text.Get($"projectstage.{p.Stage}"), p.StageDate, p.PlannedInvestment,
            p.RegisteredCapital, p.InvestmentInPlace, p.Jobs, Text.Get($"keyprojectlevel.{p.KeyLevel}"), p.ConciergeA, p.ConciergeB, p.UnitName,
        ]);
        string[] headers =
        [
            Text.Get("export.no"), Text.Get("projects.number"), Text.Get("projects.name"), Text.Get("projects.investor"), Text.Get("projects.stage"),
            Text.Get("projects.stage_date"), Text.Get("export.planned_yuan"), Text.Get("export.capital_yuan"), Text.Get("export.in_place_yuan"),
            Text.Get("projects.jobs"), Text.Get("projects.key_level"), Text.Get("export.concierge_a"), Text.Get("export.concierge_b"), Text.Get("crm.unit"),
        ];
        var content = xlsx.Export(Text.Get("projects.title"), Text.Get("export.projects_title"), headers, rows);
        return new FileDownload($"projects-{clock.GetUtcNow():yyyyMMdd}.xlsx", FileDownload.XlsxContentType, content);
    }
}
