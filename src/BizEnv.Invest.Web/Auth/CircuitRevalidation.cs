using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace BizEnv.Invest.Web.Auth;

/// <summary>A Blazor circuit outlives the HTTP request that opened it; this re-checks the user every minute.</summary>
public sealed class CircuitRevalidation(ILoggerFactory loggerFactory, SessionValidator validator)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => SessionPolicy.CircuitRevalidation;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) =>
        state.User.Identity?.IsAuthenticated != true || await validator.CheckAsync(state.User, null, ct) == SessionCheck.Valid;
}
