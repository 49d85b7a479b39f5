using BizEnv.Invest.Application.Common;
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
    private readonly Gathering<Guid, PromiseRecord?> _reads;

    public PromiseLoads(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _reads = new(MaxBatch, ReadBatchAsync);
    }

    /// <summary>The promise as stored now (null: there is none with this id); throws what the read threw.</summary>
    public Task<PromiseRecord?> ReadAsync(Guid id) => _reads.Submit(id);

    private async Task ReadBatchAsync(IReadOnlyList<Gathering<Guid, PromiseRecord?>.Pending> batch, CancellationToken ct)
    {
        Dictionary<Guid, PromiseRecord> found;
        var unreadable = new Dictionary<Guid, Exception>();
        await using (var cn = await _dataSource.OpenConnectionAsync(ct))
            found = await PromiseRows.LoadManyAsync(cn, batch.Select(b => b.Request).Distinct().ToArray(), ct, unreadable);
        foreach (var (id, loaded) in batch)
        {
            if (unreadable.TryGetValue(id, out var broken))
                loaded.TrySetException(broken);
            else
                loaded.TrySetResult(found.GetValueOrDefault(id));
        }
    }

    public ValueTask DisposeAsync() => _reads.DisposeAsync();
}
