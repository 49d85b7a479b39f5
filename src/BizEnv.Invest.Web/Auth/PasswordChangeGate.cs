namespace BizEnv.Invest.Web.Auth;

/// <summary>
/// An account an admin created (or reset) must choose its own password before doing anything else:
/// pages redirect to the change form, the API answers 403 with code password.change_required.
/// </summary>
public sealed class PasswordChangeGate(RequestDelegate next)
{
    private static readonly string[] Open =
        ["/account/change-password", "/account/logout", "/account/language", "/api/v1/me/password", "/api/v1/auth", "/api/v1/me", "/health", "/openapi", "/_framework", "/_blazor", "/lib", "/css"];

    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true && InvestClaims.MustChange(context.User) &&
            !Open.Any(p => context.Request.Path.StartsWithSegments(p) && (p != "/api/v1/me" || context.Request.Path == p)))
        {
            if (CookieSetup.IsApi(context.Request))
                return Errors.Problems.Write(context, StatusCodes.Status403Forbidden, "password.change_required");
            context.Response.Redirect("/account/change-password");
            return Task.CompletedTask;
        }
        return next(context);
    }
}
