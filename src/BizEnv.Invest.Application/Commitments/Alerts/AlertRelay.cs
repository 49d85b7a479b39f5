using Orleans;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Alerts;

/// <summary>
/// The outbox's reader: pushes committed <c>BreachAlertRaised</c> rows to the cluster's alert hub
/// (<see cref="IAlertHubGrain"/>) and stamps them <c>relayed_at</c>. A row is claimed with
/// FOR UPDATE SKIP LOCKED, pushed, stamped and committed in one transaction, so of two relays (or the
/// a lapsing grain's own push racing a relay) exactly one pushes and stamps it; if the push fails nothing is
/// stamped and the next pass retries. A push whose stamp then fails to commit is repeated: pages
/// re-read on a push, so a repeat costs a query, never a wrong screen.
/// In a process without a silo (<paramref name="grains"/> null: tools, the application tests), or
/// before its host has started (the demo seeding at start-up lapses promises before the silo runs),
/// nothing is pushed and the rows wait for a node's relay.
/// </summary>
public sealed class AlertRelay(NpgsqlDataSource dataSource, IGrainFactory? grains, IHostApplicationLifetime? lifetime, TimeProvider clock, ILogger<AlertRelay> log)
{
    public const string EventType = "BreachAlertRaised";

    /// <summary>Pushes the given alerts now (the lapsing grain, right after its commit); returns how many it pushed.</summary>
    public Task<int> PushAsync(IReadOnlyCollection<Guid> alertIds, CancellationToken ct) =>
        alertIds.Count == 0 ? Task.FromResult(0) : RelayAsync("AND (payload->>'alertId')::uuid = ANY(@ids)", alertIds.ToArray(), alertIds.Count, ct);

    /// <summary>Pushes up to <paramref name="batchSize"/> rows no one has relayed yet, oldest first; returns how many.</summary>
    public Task<int> RelayPendingAsync(int batchSize, CancellationToken ct) => RelayAsync("", [], batchSize, ct);

    private async Task<int> RelayAsync(string filter, Guid[] ids, int limit, CancellationToken ct)
    {
        if (grains is null || lifetime is { ApplicationStarted.IsCancellationRequested: false })
            return 0;
        await using var cn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await cn.BeginTransactionAsync(ct);
        var rows = (await cn.QueryAsync<(Guid Id, Guid AlertId)>(new CommandDefinition($"""
            SELECT id, (payload->>'alertId')::uuid FROM outbox
            WHERE type = '{EventType}' AND relayed_at IS NULL {filter}
            ORDER BY created_at LIMIT @limit FOR UPDATE SKIP LOCKED
            """, new { ids, limit }, tx, cancellationToken: ct))).ToList();
        if (rows.Count == 0)
            return 0;
        await grains.GetGrain<IAlertHubGrain>(IAlertHubGrain.Key).Publish(new RaisedAlerts([.. rows.Select(r => r.AlertId)]));
        await cn.ExecuteAsync(new CommandDefinition("UPDATE outbox SET relayed_at = @now WHERE id = ANY(@ids)",
            new { now = clock.GetUtcNow(), ids = rows.Select(r => r.Id).ToArray() }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        log.LogDebug("Relayed {Count} breach alerts to the cluster", rows.Count);
        return rows.Count;
    }
}
