using BizEnv.Invest.Application.Errors;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace BizEnv.Invest.Web.Auth;

/// <summary>A Blazor circuit outlives the HTTP request that opened it; this re-checks the user every minute.</summary>
public sealed class CircuitRevalidation(ILoggerFactory loggerFactory, SessionValidator validator)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => SessionPolicy.CircuitRevalidation;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        if (state.User.Identity?.IsAuthenticated != true)
            return true;
        try
        {
            return await validator.CheckAsync(state.User, null, ct) == SessionCheck.Valid;
        }
        catch (DatabaseUnavailableException)
        {
            // An outage is no verdict on the session (the base class would sign the user out on any
            // error): it is checked again next interval, and meanwhile every action fails on its own.
            return true;
        }
    }
}
