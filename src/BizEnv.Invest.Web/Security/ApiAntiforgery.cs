using Microsoft.AspNetCore.Antiforgery;

namespace BizEnv.Invest.Web.Security;

/// <summary>
/// The API shares the browser's sign-in cookie, so every state-changing call must carry the
/// antiforgery token (header <see cref="HeaderName"/>, from GET /api/v1/auth/antiforgery):
/// a cookie alone cannot change anything.
/// </summary>
public static class ApiAntiforgery
{
    public const string HeaderName = "X-XSRF-TOKEN";

    public static RouteGroupBuilder RequireAntiforgeryOnWrites(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (ctx, next) =>
        {
            var request = ctx.HttpContext.Request;
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method))
                await ctx.HttpContext.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(ctx.HttpContext);
            return await next(ctx);
        });
        return group;
    }
}
