using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Audit;
using MediatR;

namespace BizEnv.Invest.Application.Behaviours;

/// <summary>
/// Around the checks and the handler, for commands only: one transaction per command, and one
/// audit row per command, whatever its outcome (forbidden and invalid attempts included). A success is audited inside the transaction (both or neither); a failure is
/// rolled back and then audited on its own connection, so refused attempts are on record too.
/// </summary>
public sealed class TransactionAuditBehaviour<TRequest, TResponse>(
    IDbSession session, ActorContext actor, IAuditTrail trail, AuditWriter audit)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool IsCommand =
        typeof(TRequest).GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>));

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!IsCommand)
            return await next();

        var action = AuditActions.NameOf(typeof(TRequest));
        await session.BeginAsync(cancellationToken);
        TResponse response;
        try
        {
            response = await next();
            var cn = await session.ConnectionAsync(cancellationToken);
            await audit.WriteAsync(cn, session.Transaction, AuditEntry.For(actor.Actor, action, trail, "success"), cancellationToken);
            await session.CommitAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            await session.RollbackAsync(CancellationToken.None);
            await audit.WriteAloneAsync(AuditEntry.For(actor.Actor, action, trail, AuditActions.OutcomeOf(ex)), CancellationToken.None);
            throw;
        }
        return response;
    }
}
