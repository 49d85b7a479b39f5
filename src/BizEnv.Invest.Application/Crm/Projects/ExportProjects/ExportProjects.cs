using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm.Projects.ListProjects;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Projects.ExportProjects;

/// <summary>The project list as filtered and sorted on screen, as an .xlsx 台账 (at most <see cref="ExportRows.MaxRows"/> rows). Amounts in yuan.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record ExportProjects(ListProjects.ListProjects Filter) : IQuery<FileDownload>;

public sealed class ExportProjectsHandler(IDbSession db, ActorContext actor, IXlsxExporter xlsx, TimeProvider clock) : IRequestHandler<ExportProjects, FileDownload>
{
    public async Task<FileDownload> Handle(ExportProjects r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        // The list's own query and scope, every row in one pass, read as it is written to the file.
        var projects = cn.QueryUnbufferedAsync<ProjectRow>(ProjectListQuery.PageSql(ProjectListQuery.Order(r.Filter)),
            ProjectListQuery.Args(r.Filter, actor.Actor, ExportRows.QueryLimit, 0), commandTimeout: ExportRows.QueryTimeoutSeconds);
        var rows = ExportRows.Capped(projects, (p, n) =>
        [
            n + 1, p.Number, p.Name, p.InvestorName, Text.Get($"projectstage.{p.Stage}"), p.StageDate, p.PlannedInvestment,
            p.RegisteredCapital, p.InvestmentInPlace, p.Jobs, Text.Get($"keyprojectlevel.{p.KeyLevel}"), p.ConciergeA, p.ConciergeB, p.UnitName,
        ], ct: ct);
        string[] headers =
        [
            Text.Get("export.no"), Text.Get("projects.number"), Text.Get("projects.name"), Text.Get("projects.investor"), Text.Get("projects.stage"),
            Text.Get("projects.stage_date"), Text.Get("export.planned_yuan"), Text.Get("export.capital_yuan"), Text.Get("export.in_place_yuan"),
            Text.Get("projects.jobs"), Text.Get("projects.key_level"), Text.Get("export.concierge_a"), Text.Get("export.concierge_b"), Text.Get("crm.unit"),
        ];
        return await xlsx.ExportAsync($"projects-{clock.GetUtcNow():yyyyMMdd}.xlsx",
            new XlsxLayout(Text.Get("projects.title"), Text.Get("export.projects_title"), headers), rows, ct);
    }
}
