using System.Text;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm.Projects;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Crm.WeeklyReports.GenerateWeeklyReport;

/// <summary>
/// The week's report 周报 of a key project, drafted from what was recorded that week — stage changes,
/// investment in place, visits, issues opened and closed — for the officer to edit and submit, not to
/// re-type. Asking again for a week that already has a report returns that report unchanged.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record GenerateWeeklyReport(Guid ProjectId, DateOnly Week) : ICommand<WeeklyReportDto>;

public sealed class GenerateWeeklyReportHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock)
    : IRequestHandler<GenerateWeeklyReport, WeeklyReportDto>
{
    public async Task<WeeklyReportDto> Handle(GenerateWeeklyReport r, CancellationToken ct)
    {
        var monday = ReportWeek.StartOf(r.Week);
        var sunday = ReportWeek.EndOf(monday);
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction;
        var project = await ProjectLoad.ForWrite(cn, actor.Actor, r.ProjectId, ct);
        // Two generations of one project's week queue here, so the second finds the first's report
        // (a lock of its own: the project row is its grain's, and an edit need not wait for a report).
        await cn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))",
            new { key = $"weekly-report:{r.ProjectId}" }, tx, cancellationToken: ct));
        if (project.KeyLevel == nameof(KeyProjectLevel.None))
            throw new DomainException("weekly.key_projects_only");
        var existing = await cn.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "SELECT id FROM weekly_reports WHERE project_id = @ProjectId AND week_start = @monday", new { r.ProjectId, monday }, tx, cancellationToken: ct));
        if (existing is { } id)
            return await Load(cn, tx, id, ct);

        var args = new { r.ProjectId, monday, sunday };
        using var grid = await cn.QueryMultipleAsync(new CommandDefinition("""
            SELECT stage_date, to_stage, coalesce(note, '') FROM project_stage_changes WHERE project_id = @ProjectId AND stage_date BETWEEN @monday AND @sunday ORDER BY stage_date, created_at;
            SELECT on_date, amount FROM project_investments WHERE project_id = @ProjectId AND on_date BETWEEN @monday AND @sunday ORDER BY on_date;
            SELECT v.visited_on, (SELECT string_agg(us.display_name, '、') FROM visit_officers vo JOIN users us ON us.id = vo.user_id WHERE vo.visit_id = v.id), v.purpose
              FROM visits v WHERE v.project_id = @ProjectId AND v.visited_on BETWEEN @monday AND @sunday ORDER BY v.visited_on;
            SELECT coalesce(sum(amount), 0) FROM project_investments WHERE project_id = @ProjectId AND on_date <= @sunday;
            SELECT pi.description, u.display_name, pi.due_date, pi.status, coalesce(pi.resolution, '')
              FROM project_issues pi JOIN users u ON u.id = pi.owner_id
              WHERE pi.project_id = @ProjectId AND (pi.status = 'Open' OR pi.resolved_at::date BETWEEN @monday AND @sunday) ORDER BY pi.status DESC, pi.due_date;
            """, args, tx, cancellationToken: ct));
        var stages = await grid.ReadAsync<(DateOnly On, string To, string Note)>();
        var money = await grid.ReadAsync<(DateOnly On, decimal Amount)>();
        var visits = await grid.ReadAsync<(DateOnly On, string? Officers, string Purpose)>();
        var toDate = await grid.ReadSingleAsync<decimal>();
        var issues = (await grid.ReadAsync<(string Description, string Owner, DateOnly Due, string Status, string Resolution)>()).ToList();

        var progress = new StringBuilder();
        foreach (var s in stages)
            progress.AppendLine(Text.Get("weekly.line.stage", s.On, Text.Get($"projectstage.{s.To}"), s.Note));
        foreach (var m in money)
            progress.AppendLine(Text.Get("weekly.line.investment", m.On, MoneyText.Short(m.Amount)));
        foreach (var v in visits)
            progress.AppendLine(Text.Get("weekly.line.visit", v.On, v.Officers ?? "", v.Purpose));
        if (progress.Length == 0)
            progress.AppendLine(Text.Get("weekly.line.no_change"));

        var issueText = new StringBuilder();
        foreach (var i in issues)
            issueText.AppendLine(i.Status == "Open"
                ? Text.Get("weekly.line.issue_open", i.Description, i.Owner, i.Due)
                : Text.Get("weekly.line.issue_closed", i.Description, i.Resolution));
        if (issueText.Length == 0)
            issueText.AppendLine(Text.Get("weekly.line.no_issues"));

        var next = ProjectStages.Next(Enum.Parse<ProjectStage>(project.Stage));
        var nextSteps = next is null ? Text.Get("weekly.line.next_none") : Text.Get("weekly.line.next_stage", Text.Get($"projectstage.{next}"));

        var reportId = Guid.NewGuid();
        audit.Target("weekly-report", reportId, $"{project.Number} {monday:yyyy-MM-dd}");
        var now = clock.GetUtcNow();
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO weekly_reports (id, project_id, week_start, progress, investment_to_date, issues, next_steps, created_at, updated_at)
            VALUES (@reportId, @ProjectId, @monday, @progress, @toDate, @issues, @next, @now, @now)
            """, new { reportId, r.ProjectId, monday, progress = progress.ToString().TrimEnd(), toDate, issues = issueText.ToString().TrimEnd(), next = nextSteps, now },
            tx, cancellationToken: ct));
        return await Load(cn, tx, reportId, ct);
    }

    internal static async Task<WeeklyReportDto> Load(Npgsql.NpgsqlConnection cn, Npgsql.NpgsqlTransaction? tx, Guid id, CancellationToken ct) =>
        await cn.QuerySingleAsync<WeeklyReportDto>(new CommandDefinition(WeeklyReportSql.Select + " WHERE w.id = @id", new { id }, tx, cancellationToken: ct));
}
