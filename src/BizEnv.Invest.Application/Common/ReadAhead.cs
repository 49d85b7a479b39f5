using System.Threading.Channels;

namespace BizEnv.Invest.Application.Common;

/// <summary>
/// Reads a stream on another thread, in batches, a few batches ahead of its consumer: a long scan whose reading
/// (parsing, hashing) and whose consuming (a tree, comparisons) each take a core then overlap instead of taking turns.
/// A consumer that stops early stops the reader between two items — it leaves the source the way a consumer's own
/// early stop would (disposing it), never by cancelling a read midway.
/// </summary>
public static class ReadAhead
{
    public static async IAsyncEnumerable<T> InBatches<T>(IAsyncEnumerable<T> source, int batchSize, int batchesAhead)
    {
        using var stop = new CancellationTokenSource();
        var channel = Channel.CreateBounded<List<T>>(new BoundedChannelOptions(batchesAhead) { SingleReader = true, SingleWriter = true });
        var reader = Task.Run(async () =>
        {
            try
            {
                var batch = new List<T>(batchSize);
                await foreach (var item in source)
                {
                    batch.Add(item);
                    if (batch.Count < batchSize)
                        continue;
                    await channel.Writer.WriteAsync(batch, stop.Token);
                    batch = new List<T>(batchSize);
                }
                if (batch.Count > 0)
                    await channel.Writer.WriteAsync(batch, stop.Token);
                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                // Cancelled by a consumer that stopped, or the source failed: the consumer sees the failure, if it still reads.
                channel.Writer.TryComplete(ex);
            }
        });
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync())
                foreach (var item in batch)
                    yield return item;
        }
        finally
        {
            stop.Cancel();
            await reader;
        }
    }
}
