using BizEnv.Invest.Application.Commitments.Alerts;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Commitments.Remediation;
using BizEnv.Invest.Domain.Commitments;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Promises;

/// <summary>
/// One lapse as its promise's grain decided it: the version it was loaded at, and what goes with it. A conditional
/// promise's verdict (<paramref name="ConditionUnmet"/>: it waits instead of lapsing) is checked again in the transaction.
/// </summary>
public sealed record Lapse(Guid CommitmentId, int LoadedVersion, DateOnly DueDate, string Reason, bool RaisesBreach, bool JoinsRemediation,
    bool Conditional = false, bool ConditionUnmet = false)
{
    public string Event => ConditionUnmet ? nameof(CommitmentStatus.ConditionUnmet) : "Lapsed";
}

/// <summary>
/// Group commit for lapses. When a whole programme's promises fall due on one date, thousands of
/// promise grains tick at once; a transaction each would be one commit (one WAL flush) apiece. The
/// grains of this silo hand their lapse here instead, and whatever is waiting is
/// written set-based in one transaction: the rows (each guarded by the version its grain loaded — a
/// stale activation's lapse is refused, never written twice), the ledger entries in one insert, the
/// breach alerts with their outbox rows and the list's joins (queued for its grain); one commit, and the batch's alerts pushed
/// to the cluster together. Each grain awaits its own outcome: a lapse counts only once committed.
/// User commands never come here (they keep their own transaction with their audit row and key).
/// </summary>
public sealed class LapseJournal : IAsyncDisposable
{
    private const int MaxBatch = 1000;

    private readonly NpgsqlDataSource _dataSource;
    private readonly LedgerWriter _ledger;
    private readonly AlertRelay _relay;
    private readonly TimeProvider _clock;
    private readonly ILogger<LapseJournal> _log;
    private readonly Gathering<Lapse, bool> _writes;

    public LapseJournal(NpgsqlDataSource dataSource, LedgerWriter ledger, AlertRelay relay, TimeProvider clock, ILogger<LapseJournal> log)
    {
        (_dataSource, _ledger, _relay, _clock, _log) = (dataSource, ledger, relay, clock, log);
        _writes = new(MaxBatch, WriteBatchAsync);
    }

    /// <summary>Writes one lapse with the others waiting; completes once committed (throws if its version guard refused it or the batch failed).</summary>
    public Task WriteAsync(Lapse lapse) => _writes.Submit(lapse);

    private async Task WriteBatchAsync(IReadOnlyList<Gathering<Lapse, bool>.Pending> batch, CancellationToken stop)
    {
        // One grain, one pending lapse; a duplicate would be a second activation's (its guard refuses it below).
        var now = _clock.GetUtcNow();
        HashSet<Guid> written;
        Guid[] alertIds;
        try
        {
            await using var cn = await _dataSource.OpenConnectionAsync(stop);
            await using var tx = await cn.BeginTransactionAsync(stop);
            // Conditional promises: their obligations read again here, shared-locked until the commit. A verdict that no
            // longer holds (an obligation met since the grain looked) is refused like a stale version: the grain reloads and retries.
            var conditions = (await PromiseConditionRows.ReadAsync(cn, tx, batch.Where(i => i.Request.Conditional).Select(i => i.Request.CommitmentId).ToArray(),
                forShare: true, stop)).ToLookup(c => c.CommitmentId);
            var current = batch.Where(i => !i.Request.Conditional || Unmet(conditions[i.Request.CommitmentId]) == i.Request.ConditionUnmet).ToList();
            written = (await cn.QueryAsync<Guid>(new CommandDefinition("""
                UPDATE commitments c SET status = x.s, version = x.v + 1, updated_at = @now
                FROM unnest(@ids, @versions, @statuses) AS x(id, v, s)
                WHERE c.id = x.id AND c.version = x.v AND c.status IN ('Open', 'InProgress', 'PartlyFulfilled', 'Extended')
                RETURNING c.id
                """, new
            {
                now, ids = current.Select(i => i.Request.CommitmentId).ToArray(), versions = current.Select(i => i.Request.LoadedVersion).ToArray(),
                statuses = current.Select(i => i.Request.ConditionUnmet ? nameof(CommitmentStatus.ConditionUnmet) : nameof(CommitmentStatus.Lapsed)).ToArray(),
            }, tx, cancellationToken: stop))).ToHashSet();
            var lapses = current.Select(i => i.Request).Where(l => written.Contains(l.CommitmentId)).DistinctBy(l => l.CommitmentId).ToList();
            var states = (await cn.QueryAsync<CommitmentRow>(new CommandDefinition(CommitmentRow.Select + " WHERE c.id = ANY(@ids)",
                new { ids = lapses.Select(l => l.CommitmentId).ToArray() }, tx, cancellationToken: stop))).ToDictionary(r => r.Id, r => r.ToState());
            // The list's grain is the one writer of its items: the joins are queued with the lapses and handed over after the commit.
            var listed = lapses.Where(l => l.JoinsRemediation).Select(l => l.CommitmentId).ToArray();
            await RemediationJoins.QueueAsync(cn, tx, listed, RemediationSource.Lapsed, "system", now, stop);
            var breaches = lapses.Where(l => l.RaisesBreach).Select(l => (l.CommitmentId, l.DueDate, states[l.CommitmentId].UnitId, states[l.CommitmentId].ProjectNumber)).ToList();
            alertIds = await BreachAlerts.RaiseManyAsync(cn, tx, breaches, "Breach", now, stop);
            // A conditional promise's entry carries its evidence: which obligations, where each stood, its progress.
            var entries = lapses.Select(l => new LedgerEntry(l.CommitmentId, l.Event, "system", now, l.Reason, l.Conditional
                ? new { Commitment = states[l.CommitmentId], Conditions = conditions[l.CommitmentId].Select(Evidence).ToArray() }
                : states[l.CommitmentId])).ToList();
            // Queued after the changes they record, as every writer queues (see LedgerWriter).
            await _ledger.AppendManyAsync(cn, tx, entries, stop);
            await tx.CommitAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            _log.LogWarning(ex, "A batch of {Count} lapses was not written; their reminders retry", batch.Count);
            foreach (var item in batch)
                item.Outcome.TrySetException(ex);
            return;
        }
        foreach (var item in batch)
        {
            if (written.Remove(item.Request.CommitmentId))
                item.Outcome.TrySetResult(true);
            else
                item.Outcome.TrySetException(new Errors.ConcurrencyConflictException("commitment", item.Request.CommitmentId));
        }
        if (alertIds.Length == 0)
            return;
        try
        {
            await _relay.PushAsync(alertIds, CancellationToken.None);
        }
        catch (Exception ex)
        {
            _log.LogWarning(ex, "Pushing {Count} committed alerts failed; the outbox relay will push them", alertIds.Length);
        }
    }

    private static bool Unmet(IEnumerable<ConditionEvidence> rows)
    {
        var states = rows.Select(r => r.ToState()).ToArray();
        return !PromiseConditions.AllSatisfied([.. states.Select(s => s.ObligationId)], states) || states.Length == 0;
    }

    /// <summary>What the ledger keeps of a condition (the promise's id is the entry's subject already).</summary>
    public static object Evidence(ConditionEvidence c) =>
        new { c.ObligationId, c.Kind, c.Description, c.Target, c.Unit, c.DueDate, c.Progress, c.ReachedOn, c.Status, c.MetOn };

    public ValueTask DisposeAsync() => _writes.DisposeAsync();
}
