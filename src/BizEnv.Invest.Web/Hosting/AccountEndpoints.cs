using BizEnv.Invest.Application.Auth.SetOwnLanguage;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Web.Api;
using BizEnv.Invest.Web.Auth;
using BizEnv.Invest.Web.Localization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace BizEnv.Invest.Web.Hosting;

/// <summary>Plain form posts of the pages (antiforgery-checked): sign out, switch language, keep the session alive.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();

        account.MapPost("/logout", async (HttpContext ctx, [FromForm] string? reason) =>
        {
            await ctx.SignOutAsync(CookieSetup.Scheme);
            return TypedResults.LocalRedirect(reason == "idle" ? "/account/login?idle=1" : "/account/login?signedOut=1");
        });

        account.MapPost("/language", async (HttpContext ctx, [FromForm] string language, [FromForm] string? returnUrl) =>
        {
            var culture = Text.Normalize(language);
            if (ctx.User.Identity?.IsAuthenticated == true)
                await ctx.Send(new SetOwnLanguage(culture));
            CultureCookie.Append(ctx, culture);
            return TypedResults.LocalRedirect(LocalOnly(returnUrl));
        });

        // The page's activity script calls this every few minutes while the user works in the live
        // (websocket) page, which sends no HTTP requests: it renews the sliding 30-minute cookie.
        account.MapGet("/keepalive", () => TypedResults.NoContent()).RequireAuthorization();
        return app;
    }

    public static string LocalOnly(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
