using BizEnv.Invest.Application.Auth;
using Microsoft.AspNetCore.Authentication;

namespace BizEnv.Invest.Web.Auth;

/// <summary>Issues the sign-in cookie: one place for the page form, the API and the password change.</summary>
public static class SessionCookie
{
    /// <summary>A new session: the 8-hour absolute limit starts now.</summary>
    public static Task IssueAsync(HttpContext context, SessionUser user)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return context.SignInAsync(CookieSetup.Scheme, InvestClaims.ToPrincipal(user, now, CookieSetup.Scheme));
    }

    /// <summary>
    /// The same session with fresh claims (after a password change rotated the security stamp): the
    /// absolute limit still counts from the original sign-in, so a password change cannot extend it.
    /// </summary>
    public static Task RenewAsync(HttpContext context, SessionUser user)
    {
        var signedInAt = InvestClaims.SignedInAtOf(context.User) ?? context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return context.SignInAsync(CookieSetup.Scheme, InvestClaims.ToPrincipal(user, signedInAt, CookieSetup.Scheme));
    }
}
