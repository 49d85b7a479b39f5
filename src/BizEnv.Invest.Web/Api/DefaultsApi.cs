using BizEnv.Invest.Application.Defaults.CloseDefault;
using BizEnv.Invest.Application.Defaults.GetDefault;
using BizEnv.Invest.Application.Defaults.ListDefaults;
using BizEnv.Invest.Application.Defaults.RecordDefaultRecovery;
using BizEnv.Invest.Application.Defaults.SetDefaultAmount;

namespace BizEnv.Invest.Web.Api;

/// <summary>Investor defaults 违约追偿: opened by the system when an obligation is missed; officers record recoveries, the amount due and the close.</summary>
public static class DefaultsApi
{
    public sealed record RecoveryBody(decimal Amount, DateOnly ReceivedOn, string Evidence, int Version);

    public sealed record AmountBody(decimal Amount, string? Note, int Version);

    public sealed record CloseBody(string Reason, int Version);

    public static void MapDefaultsApi(this RouteGroupBuilder v1)
    {
        var defaults = v1.MapGroup("/defaults").WithTags("Defaults");
        defaults.MapGet("/", async (HttpContext ctx, string? show) => TypedResults.Ok(await ctx.Send(new ListDefaults(show ?? "open"))))
            .WithSummary("Defaults of the caller's unit (all units for the integrity office and leaders); show=open (default), closed or all");
        defaults.MapGet("/{id:guid}", async (Guid id, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new GetDefault(id))))
            .WithSummary("One default with its notice as recorded, its steps and the amounts recovered");
        defaults.MapPost("/{id:guid}/recoveries", async (Guid id, RecoveryBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new RecordDefaultRecovery(id, b.Amount, b.ReceivedOn, b.Evidence, b.Version))))
            .WithSummary("An amount recovered with its evidence; reaching the amount due closes the default").ProducesValidationProblem();
        defaults.MapPost("/{id:guid}/amount", async (Guid id, AmountBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new SetDefaultAmount(id, b.Amount, b.Note, b.Version))))
            .WithSummary("The amount due once the remedy has run (where the agreement fixes none, or to correct it)").ProducesValidationProblem();
        defaults.MapPost("/{id:guid}/close", async (Guid id, CloseBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new CloseDefault(id, b.Reason, b.Version))))
            .WithSummary("Close the default with a reason (written off)").ProducesValidationProblem();
    }
}
