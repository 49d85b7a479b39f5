using System.Security.Claims;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Auth.GetSessionUser;
using BizEnv.Invest.Application.Errors;

namespace BizEnv.Invest.Web.Auth;

/// <summary>
/// Decides whether a signed-in principal is still good: not older than the absolute limit, and the
/// stored user still enabled with the same security stamp (a password reset, disable or role change
/// ends every session). Shared by the cookie handler and the Blazor circuit revalidation.
/// </summary>
public sealed class SessionValidator(RequestDispatcher dispatcher, TimeProvider clock)
{
    public async Task<SessionCheck> CheckAsync(ClaimsPrincipal principal, string? clientIp, CancellationToken ct)
    {
        if (InvestClaims.SignedInAtOf(principal) is not { } signedInAt || clock.GetUtcNow() - signedInAt > SessionPolicy.Absolute)
            return SessionCheck.Expired;
        try
        {
            var user = await dispatcher.Send(new GetSessionUser(), principal.ToActor(clientIp), ct);
            if (user.IsDisabled || user.SecurityStamp.ToString() != principal.FindFirstValue(InvestClaims.SecurityStamp))
                return SessionCheck.Revoked;
            return SessionCheck.Valid;
        }
        catch (NotFoundException)
        {
            return SessionCheck.Revoked;
        }
    }
}

public enum SessionCheck
{
    Valid,
    Expired,
    Revoked,
}
