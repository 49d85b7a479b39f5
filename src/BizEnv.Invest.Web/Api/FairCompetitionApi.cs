using BizEnv.Invest.Application.Commitments.FairCompetition.GetFairReviewSetup;
using BizEnv.Invest.Application.Commitments.FairCompetition.ListFairCompetitionRules;
using BizEnv.Invest.Application.Commitments.FairCompetition.ListFairReviews;
using BizEnv.Invest.Application.Commitments.FairCompetition.RecordFairReviewOpinion;
using BizEnv.Invest.Application.Commitments.FairCompetition.RemoveFairCompetitionRule;
using BizEnv.Invest.Application.Commitments.FairCompetition.SaveFairCompetitionRule;
using BizEnv.Invest.Application.Commitments.FairCompetition.SetReviewingUnit;
using BizEnv.Invest.Domain.Commitments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BizEnv.Invest.Web.Api;

/// <summary>The fair-competition review 公平竞争审查: the admin's rule list and reviewing unit, the reviewing unit's queue and opinions.</summary>
public static class FairCompetitionApi
{
    public sealed record RuleBody(string Name, IReadOnlyList<CommitmentKind> Kinds, IReadOnlyList<string>? Keywords, string LegalBasis, bool Active = true,
        int Version = 0);

    public sealed record ReviewingUnitBody(Guid? UnitId);

    public sealed record OpinionBody(bool Pass, string? Opinion, int Version);

    public static void MapFairCompetitionApi(this RouteGroupBuilder v1)
    {
        var fair = v1.MapGroup("/fair-competition").WithTags("Commitments");
        fair.MapGet("/rules", async (HttpContext ctx) => TypedResults.Ok(await ctx.Send(new ListFairCompetitionRules())))
            .WithSummary("The fair-competition rule list (admin)");
        fair.MapPost("/rules", async (RuleBody b, HttpContext ctx) =>
        {
            var rule = await ctx.Send(new SaveFairCompetitionRule(null, b.Name, b.Kinds, b.Keywords, b.LegalBasis, b.Active));
            return TypedResults.Created($"/api/v1/fair-competition/rules/{rule.Id}", rule);
        }).WithSummary("Add a rule: the kinds it covers, keywords looked for in the clause (none: every promise of the kinds), legal basis (admin)")
            .ProducesValidationProblem();
        fair.MapPut("/rules/{id:guid}", async (Guid id, RuleBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new SaveFairCompetitionRule(id, b.Name, b.Kinds, b.Keywords, b.LegalBasis, b.Active, b.Version))))
            .WithSummary("Edit a rule, or pause it (active=false), with the version read (admin)").ProducesValidationProblem();
        fair.MapPost("/rules/{id:guid}/remove", async Task<NoContent> (Guid id, HttpContext ctx) =>
        {
            await ctx.Send(new RemoveFairCompetitionRule(id));
            return TypedResults.NoContent();
        }).WithSummary("Remove a rule (promises it flagged keep their review) (admin)");
        fair.MapGet("/reviewing-unit", async (HttpContext ctx) => TypedResults.Ok(await ctx.Send(new GetFairReviewSetup())))
            .WithSummary("The unit that reviews flagged promises, and whether the caller belongs to it");
        fair.MapPut("/reviewing-unit", async Task<NoContent> (ReviewingUnitBody b, HttpContext ctx) =>
        {
            await ctx.Send(new SetReviewingUnit(b.UnitId));
            return TypedResults.NoContent();
        }).WithSummary("Name the reviewing unit (e.g. the legal office 法规处); null: none (admin)").ProducesValidationProblem();

        var commitments = v1.MapGroup("/commitments").WithTags("Commitments");
        commitments.MapGet("/fair-review", async (HttpContext ctx) => TypedResults.Ok(await ctx.Send(new ListFairReviews())))
            .WithSummary("Flagged promises waiting for the fair-competition opinion (users of the reviewing unit)");
        commitments.MapPost("/{id:guid}/fair-review", async (Guid id, OpinionBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new RecordFairReviewOpinion(id, b.Pass, b.Opinion, b.Version))))
            .WithSummary("Pass or refuse a flagged promise with an opinion (users of the reviewing unit): passed, it binds once any leader's approval is in too")
            .ProducesValidationProblem();
    }
}
