using BizEnv.Invest.Application.Zones;
using BizEnv.Invest.Application.Zones.CreatePark;
using BizEnv.Invest.Application.Zones.CreateZone;
using BizEnv.Invest.Application.Zones.ExportZoneCapacity;
using BizEnv.Invest.Application.Zones.FindSites;
using BizEnv.Invest.Application.Zones.GetParkManagerHome;
using BizEnv.Invest.Application.Zones.GetZone;
using BizEnv.Invest.Application.Zones.ListParks;
using BizEnv.Invest.Application.Zones.ListZones;
using BizEnv.Invest.Application.Zones.ReleaseReservation;
using BizEnv.Invest.Application.Zones.ReserveCapacity;
using BizEnv.Invest.Application.Zones.UpdateReadiness;
using BizEnv.Invest.Application.Zones.UpdateZoneCapacity;
using BizEnv.Invest.Domain.Zones;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BizEnv.Invest.Web.Api;

public static class ZonesApi
{
    public sealed record CapacityBody(Resource Resource, decimal NewTotal, string Reason, int Version);

    public sealed record ReadinessBody(ReadinessItem Item, ReadinessStatus Status, DateOnly? ExpectedDate, string Reason, int Version);

    public sealed record ReserveBody(Guid ProjectId, Resource Resource, decimal Amount, bool Intended);

    public sealed record ReleaseBody(string Reason);

    public sealed record ZoneBody(string Name, decimal Lng, decimal Lat, string LandUse, IReadOnlyList<decimal[]>? Polygon);

    public static void MapZonesApi(this RouteGroupBuilder v1)
    {
        var parks = v1.MapGroup("/parks").WithTags("Zones");
        parks.MapGet("/", async (HttpContext ctx, bool? mine) => TypedResults.Ok(await ctx.Send(new ListParks(mine ?? false))))
            .WithSummary("Parks with their zones and capacity (mine=true: the parks my unit manages)");

        parks.MapPost("/", async (CreatePark body, HttpContext ctx) =>
        {
            var id = await ctx.Send(body);
            return TypedResults.Created($"/api/v1/parks", new { id });
        }).WithSummary("Register a park and its managing unit (admin)").ProducesValidationProblem();
        parks.MapPost("/{id:guid}/zones", async (Guid id, ZoneBody b, HttpContext ctx) =>
        {
            var zone = await ctx.Send(new CreateZone(id, b.Name, b.Lng, b.Lat, b.LandUse, b.Polygon));
            return TypedResults.Created($"/api/v1/zones/{zone}", new { id = zone });
        }).WithSummary("Add a zone/plot to my park (park manager); capacity is then set with reasons").ProducesValidationProblem();

        var zones = v1.MapGroup("/zones").WithTags("Zones");
        zones.MapGet("/", async (HttpContext ctx, string? industry, decimal? minLandMu) =>
                TypedResults.Ok(await ctx.Send(new ListZones(industry, minLandMu is { } mu ? Area.MuToSquareMetres(mu) : null))))
            .WithSummary("Zones for the investment map, filtered by leading industry and minimum available land (亩)");
        zones.MapGet("/{id:guid}", async (Guid id, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new GetZone(id))))
            .WithSummary("One zone: capacity, readiness checklist, reservations and change history");
        zones.MapPut("/{id:guid}/capacity", async (Guid id, CapacityBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new UpdateZoneCapacity(id, b.Resource, b.NewTotal, b.Reason, b.Version))))
            .WithSummary("Set a zone's total of one resource, with a reason (park manager of that park)").ProducesValidationProblem();
        zones.MapPut("/{id:guid}/readiness", async (Guid id, ReadinessBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new UpdateReadiness(id, b.Item, b.Status, b.ExpectedDate, b.Reason, b.Version))))
            .WithSummary("Set a 九通一平 / 新九通一平 checklist item (park manager of that park)").ProducesValidationProblem();
        zones.MapPost("/{id:guid}/reservations", async (Guid id, ReserveBody b, HttpContext ctx) =>
        {
            var reservation = await ctx.Send(new ReserveCapacity(b.ProjectId, id, b.Resource, b.Amount, b.Intended));
            return TypedResults.Created($"/api/v1/zones/{id}", new { id = reservation });
        }).WithSummary("Reserve capacity for a project (firm from signing on, or intended)").ProducesValidationProblem();
        zones.MapGet("/export", (HttpContext ctx, CancellationToken ct) => ctx.SendFile(new ExportZoneCapacity()))
            .WithSummary("Every zone's capacity as .xlsx");
        zones.MapGet("/site-finder", async (HttpContext ctx, decimal? landMu, decimal? factoryM2, decimal? powerKva, string? industry) =>
                TypedResults.Ok(await ctx.Send(new FindSites(landMu is { } mu ? Area.MuToSquareMetres(mu) : null, factoryM2, powerKva, industry))))
            .WithSummary("Zones that fit a project's needs, best first, with reasons");

        v1.MapPost("/reservations/{id:guid}/release", async Task<NoContent> (Guid id, ReleaseBody b, HttpContext ctx) =>
        {
            await ctx.Send(new ReleaseReservation(id, b.Reason));
            return TypedResults.NoContent();
        }).WithTags("Zones").WithSummary("Release a reservation with a reason").ProducesValidationProblem();

        v1.MapGet("/home/park", async (HttpContext ctx, CancellationToken ct) => TypedResults.Ok(await ctx.Send(new GetParkManagerHome())))
            .WithTags("Home").WithSummary("The park manager's home: my parks, recent reservations, readiness gaps");
    }
}
