using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Audit;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Idempotency;
using MediatR;
using Microsoft.Extensions.Logging;

namespace BizEnv.Invest.Application.Behaviours;

/// <summary>
/// Around the checks and the handler, for commands only: one transaction per command, and one
/// audit row per command, whatever its outcome (forbidden and invalid attempts included). A success is audited inside the transaction (both or neither); a failure is
/// rolled back and then audited on its own connection, so refused attempts are on record too.
/// <para>
/// With an Idempotency-Key (signed-in users only), the key is claimed first in the same
/// transaction: a key already used for this request replays the stored response without running
/// the handler (audited as "replayed"); the response of a new one is stored before the commit.
/// </para>
/// <para>
/// Faults are told truthfully: a database that cannot be reached before the commit was sent means
/// nothing was saved (<see cref="DatabaseUnavailableException"/>); losing the connection while
/// committing means nobody knows (<see cref="OutcomeUnknownException"/>), and then no failure is
/// audited, because the success row may have been committed with the change.
/// </para>
/// </summary>
public sealed class TransactionAuditBehaviour<TRequest, TResponse>(
    IDbSession session, ActorContext actor, IAuditTrail trail, AuditWriter audit, IdempotencyStore idempotency,
    Common.Grains.GrainCallGate grainCalls, ILogger<TransactionAuditBehaviour<TRequest, TResponse>> log)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : notnull
{
    private static readonly bool IsCommand =
        typeof(TRequest).GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>));

    private static readonly bool IsGrainCommand = typeof(IGrainCommand).IsAssignableFrom(typeof(TRequest));

    private static readonly bool CallsGrains = typeof(ICallsGrains).IsAssignableFrom(typeof(TRequest));

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        // Before the handler opens its connection, for a request that will hold it while a grain works: see GrainCallGate.
        using var slot = CallsGrains ? await TurnAsync(cancellationToken) : null;
        if (!IsCommand)
        {
            try
            {
                return await next();
            }
            catch (Exception ex) when (DatabaseFault.IsUnreachable(ex))
            {
                throw new DatabaseUnavailableException(ex);
            }
        }

        var action = AuditActions.NameOf(typeof(TRequest));
        var who = actor.Actor;
        if (IsGrainCommand)
            return await ThroughGrainAsync(action, who, next);
        string? key = null;
        var committing = false;
        TResponse response;
        try
        {
            key = who.UserId is null ? null : IdempotencyKey.Normalize(actor.IdempotencyKey);
            await session.BeginAsync(cancellationToken);
            var cn = await session.ConnectionAsync(cancellationToken);
            var earlier = key is null ? null : await idempotency.ClaimAsync(cn, session.Transaction!, who.UserId!.Value, key, request, cancellationToken);
            if (earlier is not null)
            {
                response = IdempotencyStore.Replay<TResponse>(earlier);
                if (earlier.ObjectType is not null)
                    trail.Target(earlier.ObjectType, earlier.ObjectId);
                await audit.WriteAsync(cn, session.Transaction, AuditEntry.For(who, action, trail, "replayed"), cancellationToken);
            }
            else
            {
                response = await next();
                if (key is not null)
                    await idempotency.CompleteAsync(cn, session.Transaction!, who.UserId!.Value, key, response, trail.ObjectType, trail.ObjectId, cancellationToken);
                await audit.WriteAsync(cn, session.Transaction, AuditEntry.For(who, action, trail, "success"), cancellationToken);
            }
            // Once the commit is on its way it is not cancelled: a cancelled commit is one whose outcome nobody knows.
            committing = true;
            await session.CommitAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            await session.RollbackAsync(CancellationToken.None);
            if (!DatabaseFault.IsUnreachable(ex))
            {
                await audit.WriteAloneAsync(AuditEntry.For(who, action, trail, AuditActions.OutcomeOf(ex), AuditActions.ReasonOf(ex)), CancellationToken.None);
                throw;
            }
            // (Npgsql itself empties its pool when a connection breaks, so the next request after
            // the database returns opens fresh connections: recovery needs no restart.)
            if (committing)
            {
                log.LogError(ex, "{Action} by {User}: the connection was lost while committing; the outcome is unknown (key {Key})", action, who.UserName, key);
                throw new OutcomeUnknownException(ex, key is not null);
            }
            await AuditUnavailableAsync(AuditEntry.For(who, action, trail, "unavailable"));
            throw new DatabaseUnavailableException(ex);
        }
        return response;
    }

    /// <summary>
    /// A grain command: the grain audits what it commits (success or replay) with the change. Here
    /// only what never committed is audited — refused before or by the grain, or not carried out
    /// because the database was down; an outcome nobody knows is not audited as a failure.
    /// </summary>
    private async Task<TResponse> ThroughGrainAsync(string action, Actor who, RequestHandlerDelegate<TResponse> next)
    {
        try
        {
            return await DeliverAsync(next);
        }
        catch (OutcomeUnknownException)
        {
            throw;
        }
        catch (Exception ex) when (ex is Orleans.Runtime.SiloUnavailableException or TimeoutException)
        {
            // (A silo-unavailable rejection first: it may have been delivered.) Delivered, then its silo died or the answer never came: the grain may have committed.
            log.LogError(ex, "{Action} by {User}: the grain's silo went away before answering; the outcome is unknown", action, who.UserName);
            throw new OutcomeUnknownException(ex, actor.IdempotencyKey is not null);
        }
        catch (Orleans.Runtime.OrleansMessageRejectionException ex)
        {
            // Never delivered to the grain (its silo had just died): nothing was saved.
            await AuditUnavailableAsync(AuditEntry.For(who, action, trail, "unavailable"));
            throw new ClusterUnavailableException(ex);
        }
        catch (Exception ex) when (ex is DatabaseUnavailableException or ClusterUnavailableException)
        {
            // Said by the grain before anything was committed (the database, or a part of the cluster it needed, away).
            await AuditUnavailableAsync(AuditEntry.For(who, action, trail, "unavailable"));
            throw;
        }
        catch (Exception ex) when (DatabaseFault.IsUnreachable(ex))
        {
            await AuditUnavailableAsync(AuditEntry.For(who, action, trail, "unavailable"));
            throw new DatabaseUnavailableException(ex);
        }
        catch (Exception ex)
        {
            await audit.WriteAloneAsync(AuditEntry.For(who, action, trail, AuditActions.OutcomeOf(ex), AuditActions.ReasonOf(ex)), CancellationToken.None);
            throw;
        }
    }

    /// <summary>The request's turn at the grains; a command whose turn never came is audited as not carried out.</summary>
    private async Task<IDisposable> TurnAsync(CancellationToken ct)
    {
        try
        {
            return await grainCalls.EnterAsync(ct);
        }
        catch (ServerBusyException) when (IsCommand)
        {
            await AuditUnavailableAsync(AuditEntry.For(actor.Actor, AuditActions.NameOf(typeof(TRequest)), trail, "unavailable"));
            throw;
        }
    }

    /// <summary>How long a command waits for the cluster to move a dead silo's objects elsewhere (eviction takes 2–6 s).</summary>
    private static readonly TimeSpan RejectionPatience = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Sends the command; one its grain's silo could not even receive (that silo has just died, and the
    /// cluster has not evicted it yet) was not delivered, so nothing happened and sending it again is
    /// safe: it is sent again every half second until the grain lives elsewhere, for at most
    /// <see cref="RejectionPatience"/>. A silo that went away after receiving it is not retried here.
    /// </summary>
    private static async Task<TResponse> DeliverAsync(RequestHandlerDelegate<TResponse> next)
    {
        var since = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await next();
            }
            catch (Orleans.Runtime.OrleansMessageRejectionException ex) when (ex is not Orleans.Runtime.SiloUnavailableException && since.Elapsed < RejectionPatience)
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>Nothing was saved; say so in the audit log if the database is back already, else in the application log.</summary>
    private async Task AuditUnavailableAsync(AuditEntry entry)
    {
        try
        {
            await audit.WriteAloneAsync(entry, CancellationToken.None);
        }
        catch (Exception ex) when (DatabaseFault.IsUnreachable(ex))
        {
            log.LogWarning("{Action} by {User} from {Ip} not carried out: database unreachable (audit row could not be written either)",
                entry.Action, entry.UserName, entry.ClientIp);
        }
    }
}
