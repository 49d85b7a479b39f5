using BizEnv.Invest.Application.Units;
using Microsoft.AspNetCore.Http.HttpResults;
using BizEnv.Invest.Application.Units.CreateUnit;
using BizEnv.Invest.Application.Units.ListUnits;
using BizEnv.Invest.Application.Units.UpdateUnit;
using BizEnv.Invest.Domain.Identity;

using BizEnv.Invest.Application.Units.SetUnitHead;

namespace BizEnv.Invest.Web.Api;

public static class UnitsApi
{
    public sealed record UpdateUnitBody(Guid? ParentId, string NameZh, string NameEn, UnitKind Kind, int Version);

    public static void MapUnitsApi(this RouteGroupBuilder v1)
    {
        var units = v1.MapGroup("/units").WithTags("Units");

        units.MapGet("/", async Task<Ok<IReadOnlyList<UnitDto>>> (HttpContext ctx) => TypedResults.Ok(await ctx.Send(new ListUnits())))
            .WithSummary("All units in tree order");

        units.MapPost("/", async (CreateUnit body, HttpContext ctx) =>
        {
            var unit = await ctx.Send(body);
            return TypedResults.Created($"/api/v1/units/{unit.Id}", unit);
        }).WithSummary("Create a unit (admin)").ProducesValidationProblem();

        units.MapPut("/{id:guid}", async (Guid id, UpdateUnitBody body, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new UpdateUnit(id, body.ParentId, body.NameZh, body.NameEn, body.Kind, body.Version))))
            .WithSummary("Rename or move a unit (admin)").ProducesValidationProblem();

        units.MapPut("/{id:guid}/head", async Task<NoContent> (Guid id, HeadBody body, HttpContext ctx) =>
        {
            await ctx.Send(new SetUnitHead(id, body.HeadUserId));
            return TypedResults.NoContent();
        }).WithSummary("Name the unit's head (a member; warned before the unit's promises fall due), or clear it (admin)").ProducesValidationProblem();
    }

    public sealed record HeadBody(Guid? HeadUserId);
}
