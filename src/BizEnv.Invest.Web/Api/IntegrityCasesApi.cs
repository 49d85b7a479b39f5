using BizEnv.Invest.Application.Commitments.Cases.AddRectification;
using BizEnv.Invest.Application.Commitments.Cases.AddResponsiblePerson;
using BizEnv.Invest.Application.Commitments.Cases.AssignInvestigator;
using BizEnv.Invest.Application.Commitments.Cases.CloseCase;
using BizEnv.Invest.Application.Commitments.Cases.CompleteRectification;
using BizEnv.Invest.Application.Commitments.Cases.GetCase;
using BizEnv.Invest.Application.Commitments.Cases.ListCases;
using BizEnv.Invest.Application.Commitments.Cases.ListInvestigators;
using BizEnv.Invest.Application.Commitments.Cases.ReportCaseOutcome;
using BizEnv.Invest.Domain.Commitments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BizEnv.Invest.Web.Api;

/// <summary>Integrity cases: a confirmed breach run to an accountability outcome and closed.</summary>
public static class IntegrityCasesApi
{
    public sealed record InvestigatorBody(Guid InvestigatorId, int Version);

    public sealed record PersonBody(string Name, string Position, string UnitName, Responsibility Responsibility, int Version);

    public sealed record OutcomeBody(AccountabilityOutcome Outcome, string Note, int Version);

    public sealed record RectificationBody(string Action, DateOnly DueDate, int Version);

    public sealed record NoteBody(string Note, int Version);

    public static void MapIntegrityCasesApi(this RouteGroupBuilder v1)
    {
        var cases = v1.MapGroup("/cases").WithTags("Integrity");
        cases.MapGet("/", async (HttpContext ctx, string? status, bool? overdueOnly, Guid? unitId) =>
                TypedResults.Ok(await ctx.Send(new ListCases(status ?? "Open", overdueOnly ?? false, unitId))))
            .WithSummary("Cases (status Open = not closed, Investigating, Rectifying, Closed, empty for all; overdueOnly: result report late)");
        cases.MapGet("/investigators", async Task<Ok<IReadOnlyList<InvestigatorDto>>> (HttpContext ctx) => TypedResults.Ok(await ctx.Send(new ListInvestigators())))
            .WithSummary("Integrity officers a case can be assigned to");
        cases.MapGet("/{id:guid}", async (Guid id, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new GetCase(id))))
            .WithSummary("One case with its promise, persons, rectifications and the 30-day result deadline");
        cases.MapPost("/{id:guid}/investigator", async (Guid id, InvestigatorBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new AssignInvestigator(id, b.InvestigatorId, b.Version))))
            .WithSummary("Assign the investigating integrity officer").ProducesValidationProblem();
        cases.MapPost("/{id:guid}/persons", async (Guid id, PersonBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new AddResponsiblePerson(id, b.Name, b.Position, b.UnitName, b.Responsibility, b.Version))))
            .WithSummary("Name a responsible person").ProducesValidationProblem();
        cases.MapPost("/{id:guid}/outcome", async (Guid id, OutcomeBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new ReportCaseOutcome(id, b.Outcome, b.Note, b.Version))))
            .WithSummary("Report the accountability outcome (ends the 30-day clock)").ProducesValidationProblem();
        cases.MapPost("/{id:guid}/rectifications", async (Guid id, RectificationBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new AddRectification(id, b.Action, b.DueDate, b.Version))))
            .WithSummary("Add a rectification action with its due date").ProducesValidationProblem();
        cases.MapPost("/{id:guid}/rectifications/{actionId:guid}/done", async (Guid id, Guid actionId, NoteBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new CompleteRectification(id, actionId, b.Note, b.Version))))
            .WithSummary("Mark a rectification action done").ProducesValidationProblem();
        cases.MapPost("/{id:guid}/close", async (Guid id, NoteBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new CloseCase(id, b.Note, b.Version))))
            .WithSummary("Close the case (outcome reported, responsible named, every rectification done)").ProducesValidationProblem();
    }
}
