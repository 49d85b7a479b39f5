using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm.Concierge.AssignConcierge;
using BizEnv.Invest.Application.Crm.Concierge.GetConciergeCaseload;
using BizEnv.Invest.Application.Crm.Concierge.GetConciergeHistory;
using BizEnv.Invest.Application.Crm.Projects;
using BizEnv.Invest.Application.Crm.Projects.AttachProjectFile;
using BizEnv.Invest.Application.Crm.Projects.ChangeProjectStage;
using BizEnv.Invest.Application.Crm.Projects.CreateProject;
using BizEnv.Invest.Application.Crm.Projects.GetProject;
using BizEnv.Invest.Application.Crm.Projects.GetProjectFile;
using BizEnv.Invest.Application.Crm.Projects.ListProjects;
using BizEnv.Invest.Application.Crm.Projects.RecordInvestment;
using BizEnv.Invest.Application.Crm.Projects.UpdateProject;
using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Web.Api;

public static class ProjectsApi
{
    public sealed record UpdateProjectBody(string Name, decimal PlannedInvestment, decimal? RegisteredCapital, int? Jobs, KeyProjectLevel KeyLevel,
        Guid? ResponsibleLeaderId, string? WorkingTeam, string? ConstructionPlan, int Version);

    public sealed record StageBody(ProjectStage To, DateOnly StageDate, string? Note, string? TerminationReason, int Version);

    public sealed record InvestmentBody(DateOnly OnDate, decimal Amount, string? Note);

    public sealed record ConciergeBody(Guid AUserId, Guid? BUserId, string? HandoverReason);

    public sealed record ProjectQuery(string? Search, ProjectStage? Stage, KeyProjectLevel? KeyLevel, Guid? InvestorId, bool? KeyOnly, bool? LackingConcierge,
        int? Page, int? PageSize, string? Sort, bool? Desc)
    {
        public ListProjects ToRequest() => new(Search, Stage, KeyLevel, InvestorId, KeyOnly ?? false, LackingConcierge ?? false, Page ?? 1, PageSize ?? 20, Sort, Desc ?? false);
    }

    public static void MapProjectsApi(this RouteGroupBuilder v1)
    {
        var projects = v1.MapGroup("/projects").WithTags("Projects");

        projects.MapGet("/", async (HttpContext ctx, [AsParameters] ProjectQuery q) => TypedResults.Ok(await ctx.Send(q.ToRequest())))
            .WithSummary("Projects I may see (lackingConcierge=true: key projects without an A and a B)").Produces<Page<ProjectSummary>>();

        projects.MapGet("/export", (HttpContext ctx, [AsParameters] ProjectQuery q) => ctx.SendFile(new BizEnv.Invest.Application.Crm.Projects.ExportProjects.ExportProjects(q.ToRequest())))
            .WithSummary("The filtered project list as an .xlsx ledger (台账)");

        projects.MapGet("/{id:guid}", async (Guid id, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new GetProject(id))))
            .WithSummary("One project with stage history, evidence, investment in place and key-project fields");

        projects.MapPost("/", async (CreateProject body, HttpContext ctx) =>
        {
            var created = await ctx.Send(body);
            return TypedResults.Created($"/api/v1/projects/{created.Id}", created);
        }).WithSummary("Create a project; it gets its unified number (e.g. HC-2026-0042)").ProducesValidationProblem();

        projects.MapPut("/{id:guid}", async (Guid id, UpdateProjectBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new UpdateProject(id, b.Name, b.PlannedInvestment, b.RegisteredCapital, b.Jobs, b.KeyLevel, b.ResponsibleLeaderId, b.WorkingTeam, b.ConstructionPlan, b.Version))))
            .WithSummary("Update a project (409 if changed meanwhile)").ProducesValidationProblem();

        projects.MapPost("/{id:guid}/stage", async (Guid id, StageBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new ChangeProjectStage(id, b.To, b.StageDate, b.Note, b.TerminationReason, b.Version))))
            .WithSummary("Move the project to its next stage, or terminate it with a reason").ProducesValidationProblem();

        projects.MapPost("/{id:guid}/investments", async (Guid id, InvestmentBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new RecordInvestment(id, b.OnDate, b.Amount, b.Note))))
            .WithSummary("Record investment in place (到资)").ProducesValidationProblem();

        projects.MapPost("/{id:guid}/files", async (Guid id, IFormFile file, Guid? stageChangeId, HttpContext ctx) =>
        {
            await using var stream = file.OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ctx.RequestAborted);
            return TypedResults.Ok(await ctx.Send(new AttachProjectFile(id, stageChangeId, file.FileName, file.ContentType, buffer.ToArray())));
        }).DisableAntiforgery().WithSummary("Attach evidence (multipart file; photos, PDF, Office; ≤ 10 MB)").ProducesValidationProblem();

        projects.MapGet("/{id:guid}/files/{fileId:guid}", (Guid id, Guid fileId, HttpContext ctx) => ctx.SendFile(new GetProjectFile(id, fileId)))
            .WithSummary("Download an evidence file");

        projects.MapPut("/{id:guid}/concierge", async (Guid id, ConciergeBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new AssignConcierge(id, b.AUserId, b.BUserId, b.HandoverReason))))
            .WithSummary("Assign the concierge (店小二) A and B officers; a change is a handover with a reason").ProducesValidationProblem();

        projects.MapGet("/{id:guid}/concierge", async (Guid id, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new GetConciergeHistory(id))))
            .WithSummary("The project's concierge assignments, current first");

        v1.MapGet("/concierge/caseload", async (HttpContext ctx, CancellationToken ct) => TypedResults.Ok(await ctx.Send(new GetConciergeCaseload())))
            .WithTags("Projects").WithSummary("Each officer's current concierge cases as A and as B");
    }
}
