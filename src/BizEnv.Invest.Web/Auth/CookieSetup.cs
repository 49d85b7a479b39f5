using BizEnv.Invest.Web.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;

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
        SessionCheck check;
        try
        {
            check = await validator.CheckAsync(ctx.Principal, ctx.HttpContext.ClientIp(), ctx.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ctx.HttpContext.Features.Get<IExceptionHandlerFeature>() is not null && DatabaseFaults.Classify(ex) is not null)
        {
            // The error page re-executed after a database fault: it cannot check the session either,
            // so it renders for nobody (the cookie stays) instead of failing a second time into a bare 500.
            ctx.RejectPrincipal();
            return;
        }
        if (check != SessionCheck.Valid)
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
