using System.Threading.Channels;
using BizEnv.Invest.Application.Commitments.Alerts;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Promises;

/// <summary>
/// Group commit for lapses. When a whole programme's promises fall due on one date, thousands of
/// promise grains tick at once; each lapse is its own small write (row, ledger entry, alert or list
/// entry), but a transaction each would queue them all on the ledger's lock and one commit apiece.
/// The grains of this silo hand their lapse here instead: whatever is waiting is written in one
/// transaction, each lapse under a savepoint of its own (one that fails — a stale activation's version
/// guard — is rolled back alone and its grain told), one commit for all, and the batch's alerts pushed
/// to the cluster together. Each grain still awaits its own outcome: a lapse counts only once committed.
/// User commands never come here (they keep their own transaction with their audit row and key).
/// </summary>
public sealed class LapseJournal : IAsyncDisposable
{
    private const int MaxBatch = 500;

    private readonly NpgsqlDataSource _dataSource;
    private readonly AlertRelay _relay;
    private readonly ILogger<LapseJournal> _log;
    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writer;

    public LapseJournal(NpgsqlDataSource dataSource, AlertRelay relay, ILogger<LapseJournal> log)
    {
        (_dataSource, _relay, _log) = (dataSource, relay, log);
        _writer = Task.Run(WriteLoopAsync);
    }

    private sealed record Item(Func<NpgsqlConnection, NpgsqlTransaction, Task<Guid?>> Work, TaskCompletionSource<Guid?> Outcome);

    /// <summary>Writes one lapse with the others waiting; completes once committed, with the id of the alert it raised (if any).</summary>
    public Task<Guid?> WriteAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task<Guid?>> work)
    {
        var item = new Item(work, new TaskCompletionSource<Guid?>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(item))
            item.Outcome.SetException(new ObjectDisposedException(nameof(LapseJournal)));
        return item.Outcome.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Item>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stop.Token))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
                    batch.Add(item);
                await WriteBatchAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException)
        {
        }
        foreach (var left in batch)
            left.Outcome.TrySetCanceled();
        while (_queue.Reader.TryRead(out var left))
            left.Outcome.TrySetCanceled();
    }

    private async Task WriteBatchAsync(List<Item> batch)
    {
        var written = new List<(Item Item, Guid? Alert)>(batch.Count);
        try
        {
            await using var cn = await _dataSource.OpenConnectionAsync(_stop.Token);
            await using var tx = await cn.BeginTransactionAsync(_stop.Token);
            foreach (var item in batch)
            {
                await tx.SaveAsync("lapse");
                try
                {
                    written.Add((item, await item.Work(cn, tx)));
                    await tx.ReleaseAsync("lapse");
                }
                catch (Exception ex) when (ex is not OperationCanceledException && !Errors.DatabaseFault.IsUnreachable(ex))
                {
                    await tx.RollbackAsync("lapse");
                    item.Outcome.TrySetException(ex);
                }
            }
            await tx.CommitAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            _log.LogWarning(ex, "A batch of {Count} lapses was not written; their reminders retry", batch.Count);
            foreach (var item in batch)
                item.Outcome.TrySetException(ex);
            return;
        }
        foreach (var (item, alert) in written)
            item.Outcome.TrySetResult(alert);
        var alerts = written.Where(w => w.Alert is not null).Select(w => w.Alert!.Value).ToList();
        if (alerts.Count == 0)
            return;
        try
        {
            await _relay.PushAsync(alerts, CancellationToken.None);
        }
        catch (Exception ex)
        {
            _log.LogWarning(ex, "Pushing {Count} committed alerts failed; the outbox relay will push them", alerts.Count);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        try
        {
            await _writer;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
