using BizEnv.Invest.Application.Crm.Projects.AddProjectIssue;
using BizEnv.Invest.Application.Crm.Projects.ResolveProjectIssue;
using BizEnv.Invest.Application.Crm.Projects.ReviewStageChange;
using BizEnv.Invest.Application.Crm.WeeklyReports.ExportWeeklyReports;
using BizEnv.Invest.Application.Crm.WeeklyReports.GenerateWeeklyReport;
using BizEnv.Invest.Application.Crm.WeeklyReports.ListWeeklyReports;
using BizEnv.Invest.Application.Crm.WeeklyReports.SaveWeeklyReport;
using BizEnv.Invest.Application.Units.SetUnitStageReview;

namespace BizEnv.Invest.Web.Api;

/// <summary>Key-project follow-up: stage reviews, the issue list and weekly reports.</summary>
public static class WeeklyReportsApi
{
    public sealed record ReviewBody(bool Approve, string? Opinion);

    public sealed record IssueBody(string Description, Guid OwnerId, DateOnly DueDate);

    public sealed record ResolveBody(string Resolution);

    public sealed record WeekBody(DateOnly Week);

    public sealed record ReportBody(string Progress, string Issues, string NextSteps, bool Submit, int Version);

    public sealed record StageReviewSetting(bool Required);

    public static void MapWeeklyReportsApi(this RouteGroupBuilder v1)
    {
        var projects = v1.MapGroup("/projects/{id:guid}").WithTags("Projects");
        projects.MapPost("/stage-changes/{changeId:guid}/review", async (Guid id, Guid changeId, ReviewBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new ReviewStageChange(id, changeId, b.Approve, b.Opinion))))
            .WithSummary("Approve or reject (with an opinion) a pending stage change (leaders)").ProducesValidationProblem();
        projects.MapPost("/issues", async (Guid id, IssueBody b, HttpContext ctx) =>
        {
            var issue = await ctx.Send(new AddProjectIssue(id, b.Description, b.OwnerId, b.DueDate));
            return TypedResults.Created($"/api/v1/projects/{id}", new { id = issue });
        }).WithSummary("Add an item to the key project's issue list").ProducesValidationProblem();
        projects.MapPost("/issues/{issueId:guid}/resolve", async (Guid id, Guid issueId, ResolveBody b, HttpContext ctx) =>
        {
            await ctx.Send(new ResolveProjectIssue(id, issueId, b.Resolution));
            return TypedResults.NoContent();
        }).WithSummary("Record how an issue was resolved").ProducesValidationProblem();
        projects.MapPost("/weekly-reports", async (Guid id, WeekBody b, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new GenerateWeeklyReport(id, b.Week))))
            .WithSummary("Draft (or fetch) the week's report from the recorded data");

        var reports = v1.MapGroup("/weekly-reports").WithTags("Projects");
        reports.MapGet("/", async (HttpContext ctx, DateOnly? week, Guid? projectId) => TypedResults.Ok(await ctx.Send(new ListWeeklyReports(week, projectId))))
            .WithSummary("Weekly reports of a week (my unit; all units for leaders/integrity/admin) or of a project");
        reports.MapPut("/{reportId:guid}", async (Guid reportId, ReportBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new SaveWeeklyReport(reportId, b.Progress, b.Issues, b.NextSteps, b.Submit, b.Version))))
            .WithSummary("Edit a draft report; submit=true makes it final").ProducesValidationProblem();
        reports.MapGet("/export", (HttpContext ctx, DateOnly week) => ctx.SendFile(new ExportWeeklyReports(week)))
            .WithSummary("A week's reports as .xlsx");

        v1.MapPut("/units/{id:guid}/stage-review", async (Guid id, StageReviewSetting b, HttpContext ctx) =>
        {
            await ctx.Send(new SetUnitStageReview(id, b.Required));
            return TypedResults.NoContent();
        }).WithTags("Units").WithSummary("Require leader review of the unit's project stage changes (admin)");
    }
}
