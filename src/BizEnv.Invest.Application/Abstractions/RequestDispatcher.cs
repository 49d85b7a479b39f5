using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Application.Abstractions;

/// <summary>
/// The one way in from the Web layer. Each request gets its own DI scope, so a Blazor circuit
/// (which lives for hours) never shares a connection or transaction between two operations.
/// </summary>
public sealed class RequestDispatcher(IServiceScopeFactory scopes)
{
    public async Task<TResponse> Send<TResponse>(IRequest<TResponse> request, Actor actor, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Actor = actor;
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        return await mediator.Send(request, ct);
    }
}
