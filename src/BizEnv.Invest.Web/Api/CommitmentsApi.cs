using BizEnv.Invest.Application.Commitments.ChangeCommitmentStatus;
using BizEnv.Invest.Application.Commitments.GetCommitment;
using BizEnv.Invest.Application.Commitments.ListAuthorityLimits;
using BizEnv.Invest.Application.Commitments.ListBreachAlerts;
using BizEnv.Invest.Application.Commitments.ListCommitments;
using BizEnv.Invest.Application.Commitments.RecordCommitment;
using BizEnv.Invest.Application.Commitments.ReviewCommitment;
using BizEnv.Invest.Application.Commitments.SetAuthorityLimit;
using BizEnv.Invest.Application.Commitments.TriageBreachAlert;
using BizEnv.Invest.Application.Commitments.VerifyLedger;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BizEnv.Invest.Web.Api;

public static class CommitmentsApi
{
    public sealed record ReviewBody(bool Approve, string? Opinion, int Version);

    public sealed record StatusBody(CommitmentStatus To, string? Note, string? Evidence, decimal? FulfilledShare, DateOnly? NewDueDate,
        string? ConsentDocument, string? AgreementDocument, int Version);

    public sealed record TriageBody(bool Confirm, string? DismissReason, string? Explanation, int Version);

    public sealed record LimitBody(Guid UnitId, Role Role, CommitmentKind Kind, decimal? MaxValue, bool Remove = false);

    public static void MapCommitmentsApi(this RouteGroupBuilder v1)
    {
        var commitments = v1.MapGroup("/commitments").WithTags("Commitments");
        commitments.MapGet("/", async (HttpContext ctx, CommitmentStatus? status, CommitmentKind? kind, Guid? projectId, int? page, int? pageSize) =>
                TypedResults.Ok(await ctx.Send(new ListCommitments(status, kind, projectId, page ?? 1, pageSize ?? 20))))
            .WithSummary("Promises I may see (status=PendingApproval: the approval queue)");
        commitments.MapGet("/{id:guid}", async (Guid id, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new GetCommitment(id))))
            .WithSummary("One promise with its full ledger history");
        commitments.MapPost("/", async (RecordCommitment body, HttpContext ctx) =>
        {
            var state = await ctx.Send(body);
            return TypedResults.Created($"/api/v1/commitments/{state.Id}", state);
        }).WithSummary("Record a promise: binding within authority (and reserving its capacity), else pending approval").ProducesValidationProblem();
        commitments.MapPost("/{id:guid}/review", async (Guid id, ReviewBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new ReviewCommitment(id, b.Approve, b.Opinion, b.Version))))
            .WithSummary("Approve or reject a promise held for approval (leaders)").ProducesValidationProblem();
        commitments.MapPost("/{id:guid}/status", async (Guid id, StatusBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new ChangeCommitmentStatus(id, b.To, b.Note, b.Evidence, b.FulfilledShare, b.NewDueDate, b.ConsentDocument,
                    b.AgreementDocument, b.Version))))
            .WithSummary("In progress / fulfilled (evidence) / partly (share) / extended (new date + consent) / cancelled (agreement)").ProducesValidationProblem();

        var ledger = v1.MapGroup("/ledger").WithTags("Commitments");
        ledger.MapGet("/verify", async (HttpContext ctx, CancellationToken ct) => TypedResults.Ok(await ctx.Send(new VerifyLedger())))
            .WithSummary("Recompute the hash chain; names the first broken entry");
        ledger.MapPost("/checkpoints", async (HttpContext ctx, CancellationToken ct) => TypedResults.Ok(await ctx.Send(new CreateCheckpoint())))
            .WithSummary("Write a signed checkpoint (size + head hash)");

        var alerts = v1.MapGroup("/breach-alerts").WithTags("Integrity");
        alerts.MapGet("/", async (HttpContext ctx, string? status) => TypedResults.Ok(await ctx.Send(new ListBreachAlerts(status ?? "New"))))
            .WithSummary("Credit-integrity breach alerts (status New/Confirmed/Dismissed; empty for all)");
        alerts.MapPost("/{id:guid}/triage", async Task<NoContent> (Guid id, TriageBody b, HttpContext ctx) =>
        {
            await ctx.Send(new TriageBreachAlert(id, b.Confirm, b.DismissReason, b.Explanation, b.Version));
            return TypedResults.NoContent();
        }).WithSummary("Confirm a breach, or dismiss it with a reason (integrity office)").ProducesValidationProblem();

        var limits = v1.MapGroup("/authority-limits").WithTags("Commitments");
        limits.MapGet("/", async (HttpContext ctx, CancellationToken ct) => TypedResults.Ok(await ctx.Send(new ListAuthorityLimits())))
            .WithSummary("What each unit and role may promise");
        limits.MapPut("/", async Task<NoContent> (LimitBody b, HttpContext ctx) =>
        {
            await ctx.Send(new SetAuthorityLimit(b.UnitId, b.Role, b.Kind, b.MaxValue, b.Remove));
            return TypedResults.NoContent();
        }).WithSummary("Set or remove an authority limit (admin)").ProducesValidationProblem();
    }
}
