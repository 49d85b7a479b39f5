using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Application.Abstractions;

/// <summary>
/// The one way in from the Web layer. Each request gets its own DI scope, so a Blazor circuit
/// (which lives for hours) never shares a connection or transaction between two operations.
/// </summary>
public sealed class RequestDispatcher(IServiceScopeFactory scopes)
{
    public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, Actor actor, CancellationToken ct = default) =>
        Send(request, actor, idempotencyKey: null, ct);

    /// <summary>
    /// Sends with the client's Idempotency-Key: a command already carried out for this user under
    /// the key answers with its first outcome (queries ignore the key).
    /// </summary>
    public async Task<TResponse> Send<TResponse>(IRequest<TResponse> request, Actor actor, string? idempotencyKey, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ActorContext>();
        context.Actor = actor;
        context.IdempotencyKey = idempotencyKey;
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        return await mediator.Send(request, ct);
    }
}
