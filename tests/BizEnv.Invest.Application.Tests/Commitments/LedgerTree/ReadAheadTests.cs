using BizEnv.Invest.Application.Common;

namespace BizEnv.Invest.Application.Tests.Commitments.LedgerTree;

/// <summary>The ledger check's read-ahead: order kept across batches, a consumer's early stop stops the reader, a reader's failure reaches the consumer.</summary>
public sealed class ReadAheadTests
{
    private static async IAsyncEnumerable<int> Numbers(int n, Action<int>? onRead = null, int? failAt = null)
    {
        for (var i = 0; i < n; i++)
        {
            await Task.Yield();
            if (i == failAt)
                throw new InvalidOperationException($"read {i} failed");
            onRead?.Invoke(i);
            yield return i;
        }
    }

    [Fact]
    public async Task Every_item_arrives_once_in_order_across_batches_and_a_last_partial_one()
    {
        var seen = new List<int>();
        await foreach (var i in ReadAhead.InBatches(Numbers(2_500), 64, 4))
            seen.Add(i);
        seen.ShouldBe(Enumerable.Range(0, 2_500));
    }

    [Fact]
    public async Task A_consumer_that_stops_early_stops_the_reader_within_the_batches_ahead_and_disposes_the_source()
    {
        var read = 0;
        await foreach (var i in ReadAhead.InBatches(Numbers(1_000_000, _ => Interlocked.Increment(ref read)), 100, 2))
            if (i == 150)
                break;
        // What the reader had ahead: the batch being read, the two waiting and the one being filled — never the whole source.
        read.ShouldBeLessThanOrEqualTo(600);
    }

    [Fact]
    public async Task A_consumer_that_stops_early_finds_the_source_disposed_when_its_loop_ends()
    {
        // The ledger check uses the source's connection again right after it stops reading: the source must be done with it.
        var disposed = false;
        async IAsyncEnumerable<int> Slow()
        {
            try
            {
                for (var i = 0; ; i++)
                {
                    await Task.Yield();
                    yield return i;
                }
            }
            finally
            {
                await Task.Delay(300);
                disposed = true;
            }
        }
        await foreach (var i in ReadAhead.InBatches(Slow(), 10, 2))
            if (i == 25)
                break;
        disposed.ShouldBeTrue();
    }

    [Fact]
    public async Task A_failed_read_reaches_the_consumer_after_the_items_before_it()
    {
        var seen = new List<int>();
        var failure = await Should.ThrowAsync<InvalidOperationException>(async () =>
        {
            await foreach (var i in ReadAhead.InBatches(Numbers(1_000, failAt: 130), 50, 4))
                seen.Add(i);
        });
        failure.Message.ShouldBe("read 130 failed");
        seen.ShouldBe(Enumerable.Range(0, 100)); // the full batches before it; the partial one is not handed over
    }
}
