using BizEnv.Invest.Application.Audit;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Idempotency;
using Npgsql;

namespace BizEnv.Invest.Application.Common.Grains;

/// <summary>
/// How a grain carries out one command: one PostgreSQL transaction holding the Idempotency-Key claim,
/// the grain's own writes (row, ledger entries, outbox), the audit row and the key's stored response —
/// all or nothing. A key already used for this very request replays the stored response (audited as
/// "replayed") and writes nothing else.
/// </summary>
public sealed class CommandJournal(NpgsqlDataSource dataSource, AuditWriter audit, IdempotencyStore idempotency)
{
    /// <summary>The outcome: the reply to send, and whether <paramref name="work"/> was committed (false: refused, replayed or failed).</summary>
    public sealed record Outcome(GrainReply Reply, bool Committed);

    public async Task<Outcome> RunAsync<T>(CommandContext context, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken ct = default)
    {
        var committing = false;
        try
        {
            await using var cn = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await cn.BeginTransactionAsync(ct);
            var keyed = context is { IdempotencyKey: { } k, UserId: { } u } ? (Key: k, User: u) : ((string Key, Guid User)?)null;
            if (keyed is { } claim && await idempotency.ClaimAsync(cn, tx, claim.User, claim.Key, context.RequestType, context.Fingerprint, ct) is { } earlier)
            {
                await audit.WriteAsync(cn, tx, context.Audit("replayed") with { ObjectType = earlier.ObjectType, ObjectId = earlier.ObjectId }, ct);
                await tx.CommitAsync(CancellationToken.None);
                return new Outcome(new GrainReply(null, earlier.Response), false);
            }
            var json = IdempotencyStore.ToJson(await work(cn, tx));
            if (keyed is { } done)
                await idempotency.CompleteJsonAsync(cn, tx, done.User, done.Key, json, context.ObjectType, context.ObjectId, ct);
            // A user's command is audited with its change; the grain's own work (a lapse) is on the ledger, by "system".
            if (context.UserId is not null)
                await audit.WriteAsync(cn, tx, context.Audit("success"), ct);
            committing = true;
            await tx.CommitAsync(CancellationToken.None);
            return new Outcome(new GrainReply(null, json), true);
        }
        catch (Exception ex) when (Refusal.From(ex) is { } refusal)
        {
            return new Outcome(GrainReply.Refused(refusal), false);
        }
        catch (Exception ex) when (DatabaseFault.IsUnreachable(ex))
        {
            // Said as data, like a refusal: the caller's pipeline answers 503 and audits it as it would its own fault.
            return new Outcome(GrainReply.Refused(new Refusal(committing ? RefusalKind.OutcomeUnknown : RefusalKind.Unavailable, ex.Message,
                context.IdempotencyKey is null ? null : "keyed", [])), false);
        }
    }
}
