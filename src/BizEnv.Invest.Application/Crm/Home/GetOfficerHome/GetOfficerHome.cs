using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm.Projects;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Home.GetOfficerHome;

/// <summary>
/// The promotion officer's desk: the firms they link with, their projects as a stage board, their
/// open demands and issues, their concierge cases, overdue items and the deadlines coming up.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record GetOfficerHome : IQuery<OfficerHome>;

public sealed record OfficerHome(
    IReadOnlyList<LinkedInvestor> MyInvestors, IReadOnlyList<ProjectSummary> MyProjects, IReadOnlyList<OpenItem> OpenItems,
    IReadOnlyList<ConciergeCase> ConciergeCases, DateOnly Today);

public sealed record LinkedInvestor(Guid Id, string Name, string? IndustryName, DateOnly? LastVisitOn);

/// <summary>A demand, a key-project issue or a trip report, with its due date.</summary>
/// <summary>An open item; <see cref="DueDate"/> is null while it needs a calendar year not loaded yet (a trip report: "date to follow").</summary>
public sealed record OpenItem(string Kind, Guid Id, Guid? LinkId, string Title, string Context, DateOnly? DueDate)
{
    public bool IsOverdue(DateOnly today) => DueDate is { } due && due < today;

    public bool IsDueSoon(DateOnly today) => DueDate is { } due && due >= today && due.DayNumber - today.DayNumber <= 3;
}

public sealed record ConciergeCase(Guid ProjectId, string Number, string Name, string Role, ProjectStage Stage, KeyProjectLevel KeyLevel);

public sealed class GetOfficerHomeHandler(IDbSession db, ActorContext actor, TimeProvider clock) : IRequestHandler<GetOfficerHome, OfficerHome>
{
    public async Task<OfficerHome> Handle(GetOfficerHome r, CancellationToken ct)
    {
        var me = actor.Actor;
        var today = clock.Today();
        var cn = await db.ConnectionAsync(ct);
        var args = new { user = me.UserId, unit = me.UnitId };
        var investors = await cn.QueryAsync<LinkedInvestor>(new CommandDefinition("""
            SELECT i.id AS Id, i.name AS Name, ind.name_zh AS IndustryName, (SELECT max(v.visited_on) FROM visits v WHERE v.investor_id = i.id) AS LastVisitOn
            FROM investor_officers o JOIN investors i ON i.id = o.investor_id LEFT JOIN industries ind ON ind.code = i.industry_code
            WHERE o.user_id = @user ORDER BY i.name LIMIT 50
            """, args, cancellationToken: ct));
        var projects = await cn.QueryAsync<ProjectRow>(new CommandDefinition(ProjectRow.Select + """
             WHERE p.unit_id = @unit AND p.stage <> 'Terminated' AND (p.created_by = @user OR EXISTS (
                   SELECT 1 FROM concierge_assignments c WHERE c.project_id = p.id AND c.ended_at IS NULL AND @user IN (c.a_user_id, c.b_user_id)))
             ORDER BY p.updated_at DESC LIMIT 200
            """, args, cancellationToken: ct));
        var items = await cn.QueryAsync<OpenItem>(new CommandDefinition("""
            SELECT 'demand' AS Kind, d.id AS Id, i.id AS LinkId, d.description AS Title, i.name AS Context, d.due_date AS DueDate
              FROM demands d JOIN visits v ON v.id = d.visit_id JOIN investors i ON i.id = v.investor_id
              WHERE d.owner_id = @user AND d.status = 'Open'
            UNION ALL
            SELECT 'issue', pi.id, p.id, pi.description, p.number || ' ' || p.name, pi.due_date
              FROM project_issues pi JOIN projects p ON p.id = pi.project_id WHERE pi.owner_id = @user AND pi.status = 'Open'
            UNION ALL
            SELECT 'trip', t.id, t.id, t.destination, t.leader_name, t.report_due
              FROM trips t WHERE t.created_by = @user AND t.report IS NULL
            ORDER BY DueDate NULLS LAST LIMIT 100
            """, args, cancellationToken: ct));
        var cases = await cn.QueryAsync<(Guid ProjectId, string Number, string Name, string Role, string Stage, string KeyLevel)>(new CommandDefinition("""
            SELECT p.id, p.number, p.name, CASE WHEN c.a_user_id = @user THEN 'A' ELSE 'B' END, p.stage, p.key_level
            FROM concierge_assignments c JOIN projects p ON p.id = c.project_id
            WHERE c.ended_at IS NULL AND @user IN (c.a_user_id, c.b_user_id) ORDER BY p.number
            """, args, cancellationToken: ct));
        return new OfficerHome(investors.ToList(), projects.Select(p => p.ToDto()).ToList(), items.ToList(),
            cases.Select(c => new ConciergeCase(c.ProjectId, c.Number, c.Name, c.Role, Enum.Parse<ProjectStage>(c.Stage), Enum.Parse<KeyProjectLevel>(c.KeyLevel))).ToList(),
            today);
    }
}
