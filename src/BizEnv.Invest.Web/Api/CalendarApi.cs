using BizEnv.Invest.Application.Calendar.AddCalendarYear;
using BizEnv.Invest.Application.Calendar.AddWorkingDays;
using BizEnv.Invest.Application.Calendar.CountWorkingDays;
using BizEnv.Invest.Application.Calendar.GetCalendarYear;
using BizEnv.Invest.Application.Calendar.SetCalendarDay;
using BizEnv.Invest.Domain.Calendar;

namespace BizEnv.Invest.Web.Api;

public static class CalendarApi
{
    public sealed record CalendarDayBody(CalendarDayKind? Kind, string? Name);

    public static void MapCalendarApi(this RouteGroupBuilder v1)
    {
        var calendar = v1.MapGroup("/calendar").WithTags("Calendar");

        calendar.MapGet("/{year:int}", async (int year, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new GetCalendarYear(year))))
            .WithSummary("A year's holidays and adjusted working days");

        calendar.MapPost("/years", async (AddCalendarYear body, HttpContext ctx) =>
        {
            await ctx.Send(body);
            return TypedResults.Created($"/api/v1/calendar/{body.Year}");
        }).WithSummary("Open a new year once its State Council notice is published (admin)").ProducesValidationProblem();

        calendar.MapPut("/days/{date}", async (DateOnly date, CalendarDayBody body, HttpContext ctx) =>
        {
            await ctx.Send(new SetCalendarDay(date, body.Kind, body.Name));
            return TypedResults.NoContent();
        }).WithSummary("Mark a date as holiday or adjusted working day, or clear it (admin)").ProducesValidationProblem();

        calendar.MapGet("/add-working-days", async (DateOnly from, int days, HttpContext ctx) =>
                TypedResults.Ok(new { from, days, date = await ctx.Send(new AddWorkingDays(from, days)) }))
            .WithSummary("The N-th working day after a date");

        calendar.MapGet("/count-working-days", async (DateOnly from, DateOnly to, HttpContext ctx) =>
                TypedResults.Ok(new { from, to, workingDays = await ctx.Send(new CountWorkingDays(from, to)) }))
            .WithSummary("Working days after 'from' up to and including 'to'");
    }
}
