using System.Reflection;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using MediatR;

namespace BizEnv.Invest.Application.Behaviours;

/// <summary>
/// Role checks live here, not in the pages: a request marked [AllowRoles] is refused for anyone
/// else whichever way it arrives (page, API, test). Per-object checks stay in the handlers.
/// </summary>
public sealed class AuthorizationBehaviour<TRequest, TResponse>(ActorContext context) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool IsAnonymous = typeof(TRequest).GetCustomAttribute<AnonymousAttribute>() is not null;
    private static readonly AllowRolesAttribute? Allowed = typeof(TRequest).GetCustomAttribute<AllowRolesAttribute>();

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (IsAnonymous)
            return next();
        var actor = context.Actor;
        if (!actor.IsAuthenticated)
            throw new UnauthenticatedException();
        if (Allowed is not null && !actor.IsInAnyRole(Allowed.Roles))
            throw new ForbiddenException();
        return next();
    }
}
