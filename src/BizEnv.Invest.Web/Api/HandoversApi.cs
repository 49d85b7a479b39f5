using BizEnv.Invest.Application.Handover.AcknowledgeAllHandovers;
using BizEnv.Invest.Application.Handover.AcknowledgeHandover;
using BizEnv.Invest.Application.Handover.Grain;
using BizEnv.Invest.Application.Handover.ListMyHandovers;
using BizEnv.Invest.Application.Handover.ListUnacknowledgedHandovers;

namespace BizEnv.Invest.Web.Api;

/// <summary>Handover continuity 新官理旧账: what was handed to me, acknowledging it, and the leaders' view of what nobody has acknowledged.</summary>
public static class HandoversApi
{
    public sealed record AcknowledgeBody(string Kind, Guid SubjectId);

    public static void MapHandoversApi(this RouteGroupBuilder v1)
    {
        var handovers = v1.MapGroup("/handovers").WithTags("Handovers");

        handovers.MapGet("/", async (HttpContext ctx, Guid? unitId) => TypedResults.Ok(await ctx.Send(new ListUnacknowledgedHandovers(unitId))))
            .WithSummary("Handed-over items not yet acknowledged, counted per unit and listed (leaders, admins)");

        handovers.MapGet("/mine", async (HttpContext ctx) => TypedResults.Ok(await ctx.Send(new ListMyHandovers())))
            .WithSummary("The items handed to me, waiting for my acknowledgement or still moving");

        handovers.MapPost("/mine/acknowledge-all", async (HttpContext ctx) =>
            {
                await ctx.Send(new AcknowledgeAllHandovers());
                return TypedResults.NoContent();
            })
            .WithSummary("Acknowledge every item handed to me");

        handovers.MapPost("/{id:guid}/acknowledge", async (Guid id, AcknowledgeBody body, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new AcknowledgeHandover(id, body.Kind, body.SubjectId))))
            .WithSummary("Acknowledge one item handed to me, named by its kind and id (404 if the handover is not mine)").Produces<HandoverSummary>()
            .ProducesValidationProblem();
    }
}
