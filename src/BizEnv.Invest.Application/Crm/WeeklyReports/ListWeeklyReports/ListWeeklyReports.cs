using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Crm.WeeklyReports.ListWeeklyReports;

/// <summary>The weekly reports of a week (by unit for officers, all units for readers of everything), or of one project.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record ListWeeklyReports(DateOnly? Week = null, Guid? ProjectId = null) : IQuery<IReadOnlyList<WeeklyReportDto>>;

public sealed class ListWeeklyReportsHandler(IDbSession db, ActorContext actor) : IRequestHandler<ListWeeklyReports, IReadOnlyList<WeeklyReportDto>>
{
    public async Task<IReadOnlyList<WeeklyReportDto>> Handle(ListWeeklyReports r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var monday = r.Week is { } w ? ReportWeek.StartOf(w) : (DateOnly?)null;
        return (await cn.QueryAsync<WeeklyReportDto>(new CommandDefinition(WeeklyReportSql.Select + """
             WHERE (@unit::uuid IS NULL OR p.unit_id = @unit) AND (@monday::date IS NULL OR w.week_start = @monday)
               AND (@ProjectId::uuid IS NULL OR w.project_id = @ProjectId)
             ORDER BY w.week_start DESC, p.number LIMIT 500
            """, new { unit = CrmAccess.UnitScope(actor.Actor), monday, r.ProjectId }, cancellationToken: ct))).ToList();
    }
}
