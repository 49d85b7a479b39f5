using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;

namespace BizEnv.Invest.Application.Commitments.Promises;

/// <summary>
/// Tells promise grains that their deadlines moved under them. What changes a deadline without going
/// through the grain (the upgrade to grains, a bulk import, a calendar edit) queues
/// the promise in <c>deadline_rearm</c> in its own transaction; every node drains the queue, asking each
/// grain to re-read and re-arm, and deletes the rows it served in the same transaction (SKIP LOCKED:
/// nodes share the queue; a node that dies mid-way leaves its rows to the others). A grain that fails
/// keeps its row, retried after a growing wait, without holding back the rest.
/// </summary>
public sealed class DeadlineRearm(NpgsqlDataSource dataSource, IGrainFactory? grains, ILogger<DeadlineRearm> log)
{
    /// <summary>
    /// Queues promises whose deadlines moved. One already queued stays as it is, and nothing here waits for a reader
    /// serving it: the promise's own grain queues it inside its command, and a reader holding the row is waiting for that
    /// very grain (whose next turn it is) — waiting on the reader would hold both until Orleans gave up on the call. The
    /// grain re-arms itself after its commit anyway; the others queue promises just written, which no reader holds.
    /// </summary>
    public static Task QueueAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, IReadOnlyCollection<Guid> ids, DateTimeOffset now, CancellationToken ct) =>
        ids.Count == 0 ? Task.CompletedTask : cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO deadline_rearm (commitment_id, queued_at) SELECT id, @now FROM unnest(@ids) AS id ON CONFLICT DO NOTHING
            """, new { ids = ids.ToArray(), now }, tx, cancellationToken: ct));

    /// <summary>
    /// Queues every promise still running: the working-day calendar changed (a day edited, a year
    /// added), so their warnings may have moved (and a condition-unmet promise's new due date may be computable now). Served once every node's cached calendar has the
    /// change (<see cref="Calendar.WorkingCalendarSource.MaxAge"/>), wherever each grain lives.
    /// </summary>
    public static Task QueueRunningAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, DateTimeOffset now, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO deadline_rearm (commitment_id, queued_at, not_before)
            SELECT id, @now, now() + make_interval(secs => @wait) FROM commitments
            WHERE status IN ('Open', 'InProgress', 'PartlyFulfilled', 'Extended', 'ConditionUnmet')
            ON CONFLICT (commitment_id) DO UPDATE SET attempts = 0, not_before = greatest(deadline_rearm.not_before, excluded.not_before)
            """, new { now, wait = Calendar.WorkingCalendarSource.MaxAge.TotalSeconds + 1 }, tx, cancellationToken: ct));

    /// <summary>Re-arms up to <paramref name="batchSize"/> queued promises; returns how many (0 in a process without a silo).</summary>
    public async Task<int> DrainAsync(int batchSize, CancellationToken ct)
    {
        if (grains is null)
            return 0;
        await using var cn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await cn.BeginTransactionAsync(ct);
        var ids = (await cn.QueryAsync<Guid>(new CommandDefinition(
            "SELECT commitment_id FROM deadline_rearm WHERE not_before <= now() ORDER BY queued_at LIMIT @batchSize FOR UPDATE SKIP LOCKED", new { batchSize }, tx, cancellationToken: ct))).ToArray();
        if (ids.Length == 0)
            return 0;
        // Many at a time: the grains' reads are gathered (PromiseLoads) and their lapses written together (LapseJournal), so
        // the more wait at once the fuller each batch (100,000 due on two nodes: 33 s at 64, 24 s at 256). What a check does on
        // a connection of its own (a warning, a condition's evidence) is bounded in the grain, which keeps two nodes inside
        // PostgreSQL's connection limit (the reliability harness once saw 53300 "too many clients" at 128 reads a node).
        var failed = new System.Collections.Concurrent.ConcurrentDictionary<Guid, Exception>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 256, CancellationToken = ct }, async (id, _) =>
        {
            // One grain's failure is its own (a node that died holding it, a row this build cannot read): it must not hold
            // back the rest of the batch, nor — a row that always fails — the queue behind it.
            try { await grains.GetGrain<IPromiseGrain>(id).CheckDeadlines(); }
            catch (Exception ex) when (!ct.IsCancellationRequested) { failed[id] = ex; }
        });
        var served = failed.IsEmpty ? ids : ids.Where(id => !failed.ContainsKey(id)).ToArray();
        await cn.ExecuteAsync(new CommandDefinition("DELETE FROM deadline_rearm WHERE commitment_id = ANY(@served)", new { served }, tx, cancellationToken: ct));
        if (!failed.IsEmpty)
            await PostponeAsync(cn, tx, failed, ct);
        await tx.CommitAsync(ct);
        log.LogDebug("Re-armed the deadlines of {Count} promises", served.Length);
        return ids.Length;
    }

    /// <summary>The longest a failing promise waits between tries: a row that never reads is retried, and logged, every ten minutes.</summary>
    public static readonly TimeSpan LongestRetryWait = TimeSpan.FromMinutes(10);

    // The fifth failure comes after 30 s of waits (2 + 4 + 8 + 16) and as many calls: long past any node's death being declared.
    private const int PersistentAfter = 5;

    // Tries back off from 2 s, doubling: a dead node is declared dead within seconds, after which its grains answer here. The
    // wait runs from now, not from the transaction's start (now()): calls to a dead node's grains take up to Orleans' response
    // timeout (30 s), and a wait counted from before them would be over before the batch commits.
    private async Task PostponeAsync(NpgsqlConnection cn, NpgsqlTransaction tx, IReadOnlyDictionary<Guid, Exception> failed, CancellationToken ct)
    {
        var retries = await cn.QueryAsync<(Guid Id, int Attempts)>(new CommandDefinition("""
            UPDATE deadline_rearm SET attempts = attempts + 1,
                   not_before = clock_timestamp() + make_interval(secs => least(power(2, least(attempts + 1, 30)), @longest))
            WHERE commitment_id = ANY(@ids) RETURNING commitment_id, attempts
            """, new { ids = failed.Keys.ToArray(), longest = LongestRetryWait.TotalSeconds }, tx, cancellationToken: ct));
        var first = failed.First();
        log.LogWarning(first.Value, "{Count} promises could not be re-armed (promise {Id} among them); they stay queued and are retried later", failed.Count, first.Key);
        // A failure that outlives a node's death is the row itself: name each, so someone can look at it.
        foreach (var (id, attempts) in retries.Where(r => r.Attempts >= PersistentAfter))
            log.LogError(failed[id], "Promise {Id} has failed to re-arm {Attempts} times in a row", id, attempts);
    }
}
