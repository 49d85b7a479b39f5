using Microsoft.AspNetCore.Http.HttpResults;
using BizEnv.Invest.Application.Home.GetAdminOverview;

namespace BizEnv.Invest.Web.Api;

public static class HomeApi
{
    public static void MapHomeApi(this RouteGroupBuilder v1)
    {
        var home = v1.MapGroup("/home").WithTags("Home");
        home.MapGet("/admin", async Task<Ok<AdminOverview>> (HttpContext ctx) => TypedResults.Ok(await ctx.Send(new GetAdminOverview())))
            .WithSummary("The admin's home figures: users, locks, calendar years, recent refusals");
    }
}
