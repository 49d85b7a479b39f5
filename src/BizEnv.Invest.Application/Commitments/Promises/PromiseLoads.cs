using System.Threading.Channels;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Promises;

/// <summary>
/// Gathered reads for promise grains. When thousands of promises wake at once (a programme falling due, a silo taking
/// over a dead one's reminders, the upgrade's hand-over) each grain reading its promise on a connection of its own was a
/// round trip and a pooled connection apiece; here the reads waiting at the same moment go as one query
/// (<see cref="PromiseRows.LoadManyAsync"/>). A lone read waits for nobody: it is sent as soon as it arrives.
/// Each grain awaits its own promise, read afresh — never one cached from an earlier batch.
/// </summary>
public sealed class PromiseLoads : IAsyncDisposable
{
    private const int MaxBatch = 500;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<(Guid Id, TaskCompletionSource<PromiseRecord?> Loaded)> _queue =
        Channel.CreateUnbounded<(Guid, TaskCompletionSource<PromiseRecord?>)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;

    public PromiseLoads(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>The promise as stored now (null: there is none with this id); throws what the read threw.</summary>
    public Task<PromiseRecord?> ReadAsync(Guid id)
    {
        var loaded = new TaskCompletionSource<PromiseRecord?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((id, loaded)))
            loaded.SetException(new ObjectDisposedException(nameof(PromiseLoads)));
        return loaded.Task;
    }

    private async Task ReadLoopAsync()
    {
        var batch = new List<(Guid Id, TaskCompletionSource<PromiseRecord?> Loaded)>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stop.Token))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
                    batch.Add(item);
                await ReadBatchAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException)
        {
        }
        foreach (var (_, loaded) in batch)
            loaded.TrySetCanceled();
        while (_queue.Reader.TryRead(out var left))
            left.Loaded.TrySetCanceled();
    }

    private async Task ReadBatchAsync(List<(Guid Id, TaskCompletionSource<PromiseRecord?> Loaded)> batch)
    {
        Dictionary<Guid, PromiseRecord> found;
        try
        {
            await using var cn = await _dataSource.OpenConnectionAsync(_stop.Token);
            found = await PromiseRows.LoadManyAsync(cn, batch.Select(b => b.Id).Distinct().ToArray(), _stop.Token);
        }
        catch (Exception ex)
        {
            foreach (var (_, loaded) in batch)
                loaded.TrySetException(ex);
            return;
        }
        foreach (var (id, loaded) in batch)
            loaded.TrySetResult(found.GetValueOrDefault(id));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        try
        {
            await _reader;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
