using BizEnv.Invest.Application.Crm.Home.GetOfficerHome;
using BizEnv.Invest.Application.Crm.Trips.ListTrips;
using BizEnv.Invest.Application.Crm.Trips.RecordTrip;
using BizEnv.Invest.Application.Crm.Trips.SubmitTripReport;
using BizEnv.Invest.Application.Crm.Visits.ListVisits;
using BizEnv.Invest.Application.Crm.Visits.LogVisit;
using BizEnv.Invest.Application.Crm.Visits.ResolveDemand;

namespace BizEnv.Invest.Web.Api;

public static class VisitsApi
{
    public sealed record ResolveBody(string Resolution);

    public sealed record ReportBody(string Report, int Version);

    public static void MapVisitsApi(this RouteGroupBuilder v1)
    {
        var visits = v1.MapGroup("/visits").WithTags("Visits and trips");
        visits.MapGet("/", async (HttpContext ctx, Guid? investorId, int? page, int? pageSize) =>
                TypedResults.Ok(await ctx.Send(new ListVisits(investorId, page ?? 1, pageSize ?? 20))))
            .WithSummary("Visits of my unit (all units for leaders/integrity/admin)");
        visits.MapPost("/", async (LogVisit body, HttpContext ctx) =>
        {
            var id = await ctx.Send(body);
            return TypedResults.Created($"/api/v1/visits/{id}", new { id });
        }).WithSummary("Log a visit with the demands raised (each with owner and due date)").ProducesValidationProblem();

        v1.MapPost("/demands/{id:guid}/resolve", async (Guid id, ResolveBody b, HttpContext ctx) =>
        {
            await ctx.Send(new ResolveDemand(id, b.Resolution));
            return TypedResults.NoContent();
        }).WithTags("Visits and trips").WithSummary("Record how a demand was resolved").ProducesValidationProblem();

        var trips = v1.MapGroup("/trips").WithTags("Visits and trips");
        trips.MapGet("/", async (HttpContext ctx, bool? overdue) => TypedResults.Ok(await ctx.Send(new ListTrips(overdue ?? false))))
            .WithSummary("Out-of-town trips of my unit (overdue=true: reports past due)");
        trips.MapPost("/", async (RecordTrip body, HttpContext ctx) =>
        {
            var trip = await ctx.Send(body);
            return TypedResults.Created($"/api/v1/trips/{trip.Id}", trip);
        }).WithSummary("Record a trip; the report is due 10 working days after return").ProducesValidationProblem();
        trips.MapPut("/{id:guid}/report", async (Guid id, ReportBody b, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new SubmitTripReport(id, b.Report, b.Version))))
            .WithSummary("Submit the trip report").ProducesValidationProblem();

        v1.MapGet("/people", async (HttpContext ctx, BizEnv.Invest.Domain.Identity.Role? role) =>
                TypedResults.Ok(await ctx.Send(new BizEnv.Invest.Application.Crm.People.ListPeople.ListPeople(role))))
            .WithTags("Home").WithSummary("Active colleagues for pickers (optionally by role)");

        v1.MapGet("/home/officer", async (HttpContext ctx, CancellationToken ct) => TypedResults.Ok(await ctx.Send(new GetOfficerHome())))
            .WithTags("Home").WithSummary("The officer's desk: linked firms, project board, open items, concierge cases");
    }
}
