using BizEnv.Invest.Web.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace BizEnv.Invest.Web.Auth;

public static class CookieSetup
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public static IServiceCollection AddInvestCookieAuth(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "invest.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = SessionPolicy.Idle;
            o.SlidingExpiration = true;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/forbidden";
            o.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = Validate,
                OnRedirectToLogin = ctx => IsApi(ctx.Request) ? Problems.Write(ctx.HttpContext, StatusCodes.Status401Unauthorized, "auth.required") : Redirect(ctx),
                OnRedirectToAccessDenied = ctx => IsApi(ctx.Request) ? Problems.Write(ctx.HttpContext, StatusCodes.Status403Forbidden, "auth.forbidden") : Redirect(ctx),
            };
        });
        // The cookie handler reads time from DI's TimeProvider, so tests can move the clock past the idle limit.
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<TimeProvider>((o, clock) => o.TimeProvider = clock);
        services.AddSingleton<SessionValidator>();
        return services;
    }

    private static async Task Validate(CookieValidatePrincipalContext ctx)
    {
        if (ctx.Principal is null)
            return;
        var validator = ctx.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
        if (await validator.CheckAsync(ctx.Principal, ctx.HttpContext.ClientIp(), ctx.HttpContext.RequestAborted) != SessionCheck.Valid)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(Scheme);
        }
    }

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> ctx)
    {
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");
}
