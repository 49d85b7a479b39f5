using BizEnv.Invest.Application.Commitments.Remediation.GetRemediationImportTemplate;
using BizEnv.Invest.Application.Commitments.Remediation.GetRemediationItem;
using BizEnv.Invest.Application.Commitments.Remediation.GetRemediationSummary;
using BizEnv.Invest.Application.Commitments.Remediation.ImportRemediation;
using BizEnv.Invest.Application.Commitments.Remediation.ListRemediation;
using BizEnv.Invest.Application.Commitments.Remediation.PlanRemediation;
using BizEnv.Invest.Application.Commitments.Remediation.ReportRemediationProgress;
using BizEnv.Invest.Application.Commitments.Remediation.SignOffRemediation;
using BizEnv.Invest.Application.Commitments.Remediation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BizEnv.Invest.Web.Api;

/// <summary>The pre-2018 list 历史遗留未兑现承诺清单: items keyed by their promise's id.</summary>
public static class RemediationApi
{
    public sealed record PlanBody(string StudyNotes, string Plan, Guid ResponsibleUnitId, DateOnly Deadline, int Version);

    public sealed record ProgressBody(string Note, int ProgressPercent, int Version);

    public sealed record SignOffBody(string Evidence, int Version);

    public static void MapRemediationApi(this RouteGroupBuilder v1)
    {
        var items = v1.MapGroup("/remediation").WithTags("Integrity");
        items.MapGet("/", async (HttpContext ctx, string? status, Guid? unitId, bool? overdueOnly) =>
                TypedResults.Ok(await ctx.Send(new ListRemediation(status ?? "Open", unitId, overdueOnly ?? false))))
            .WithSummary("The pre-2018 list (status Open/SignedOff, empty for all; unit; overdueOnly)");
        items.MapGet("/summary", async Task<Ok<IReadOnlyList<RemediationUnitProgress>>> (HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new GetRemediationSummary())))
            .WithSummary("Progress per responsible unit");
        items.MapGet("/import-template", (HttpContext ctx, CancellationToken ct) => ctx.SendFile(new GetRemediationImportTemplate()))
            .WithSummary("The .xlsx layout the historical import expects, with an example row");
        items.MapPost("/import", async (IFormFile file, bool? importValidRows, HttpContext ctx) =>
        {
            await using var stream = file.OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ctx.RequestAborted);
            return TypedResults.Ok(await ctx.Send(new ImportRemediation(buffer.ToArray(), importValidRows ?? false)));
        }).DisableAntiforgery() // the X-XSRF-TOKEN header is still required (API group filter)
          .WithSummary("Import historical unfulfilled promises from .xlsx: every bad row reported; nothing imported unless importValidRows=true");
        items.MapGet("/{commitmentId:guid}", async (Guid commitmentId, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new GetRemediationItem(commitmentId))))
            .WithSummary("One item with its promise and progress history");
        items.MapPost("/{commitmentId:guid}/plan", async (Guid commitmentId, PlanBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new PlanRemediation(commitmentId, b.StudyNotes, b.Plan, b.ResponsibleUnitId, b.Deadline, b.Version))))
            .WithSummary("Study notes, plan, responsible unit and deadline").ProducesValidationProblem();
        items.MapPost("/{commitmentId:guid}/progress", async (Guid commitmentId, ProgressBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new ReportRemediationProgress(commitmentId, b.Note, b.ProgressPercent, b.Version))))
            .WithSummary("A progress update (0–99 %)").ProducesValidationProblem();
        items.MapPost("/{commitmentId:guid}/sign-off", async (Guid commitmentId, SignOffBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new SignOffRemediation(commitmentId, b.Evidence, b.Version))))
            .WithSummary("销号: sign the item off with evidence (integrity office)").ProducesValidationProblem();
    }
}
