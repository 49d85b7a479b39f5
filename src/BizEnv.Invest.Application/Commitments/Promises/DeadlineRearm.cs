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
/// nodes share the queue; a node that dies mid-way leaves its rows to the others).
/// </summary>
public sealed class DeadlineRearm(NpgsqlDataSource dataSource, IGrainFactory? grains, ILogger<DeadlineRearm> log)
{
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
            ON CONFLICT (commitment_id) DO UPDATE SET not_before = greatest(deadline_rearm.not_before, excluded.not_before)
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
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 256, CancellationToken = ct },
            async (id, _) => await grains.GetGrain<IPromiseGrain>(id).CheckDeadlines());
        await cn.ExecuteAsync(new CommandDefinition("DELETE FROM deadline_rearm WHERE commitment_id = ANY(@ids)", new { ids }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        log.LogDebug("Re-armed the deadlines of {Count} promises", ids.Length);
        return ids.Length;
    }
}
