using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Testing;

namespace BizEnv.Invest.Application.Tests.Batches;

/// <summary>Requests arriving together are handled together; every request gets its own answer, a failure, or a cancellation.</summary>
public sealed class GatheringTests
{
    [Fact]
    public async Task Requests_that_arrive_while_a_batch_is_being_handled_are_handled_together_next_each_with_its_own_answer()
    {
        var batches = new List<int[]>();
        var first = new TaskCompletionSource();
        await using var gathering = new Gathering<int, int>(10, async (batch, _) =>
        {
            batches.Add([.. batch.Select(p => p.Request)]);
            if (batches.Count == 1)
                await first.Task;
            foreach (var p in batch)
                p.Outcome.TrySetResult(p.Request * 10);
        });

        var lone = gathering.Submit(1);
        await Poll.Until(() => Task.FromResult(batches.Count == 1), TimeSpan.FromSeconds(5));
        var waiting = new[] { 2, 3, 4 }.Select(gathering.Submit).ToArray();
        first.SetResult();

        (await lone).ShouldBe(10);
        (await Task.WhenAll(waiting)).ShouldBe([20, 30, 40]);
        batches.Select(b => b.Length).ShouldBe([1, 3]);
    }

    [Fact]
    public async Task No_batch_is_larger_than_its_limit()
    {
        var sizes = new List<int>();
        var gate = new TaskCompletionSource();
        await using var gathering = new Gathering<int, int>(2, async (batch, _) =>
        {
            sizes.Add(batch.Count);
            await gate.Task;
            foreach (var p in batch)
                p.Outcome.TrySetResult(p.Request);
        });
        var all = Enumerable.Range(0, 5).Select(gathering.Submit).ToArray();
        gate.SetResult();
        (await Task.WhenAll(all)).ShouldBe([0, 1, 2, 3, 4]);
        sizes.ShouldAllBe(n => n <= 2);
    }

    [Fact]
    public async Task A_handler_that_throws_fails_the_requests_it_had_not_answered_and_the_next_batch_is_handled_as_usual()
    {
        var batches = 0;
        var first = new TaskCompletionSource();
        await using var gathering = new Gathering<int, int>(10, async (batch, _) =>
        {
            var n = Interlocked.Increment(ref batches);
            if (n == 1)
                await first.Task;
            if (n == 2)
            {
                batch[0].Outcome.TrySetResult(batch[0].Request);
                throw new InvalidOperationException("the database broke off");
            }
            foreach (var p in batch)
                p.Outcome.TrySetResult(p.Request);
        });
        var lone = gathering.Submit(0);
        await Poll.Until(() => Task.FromResult(Volatile.Read(ref batches) == 1), TimeSpan.FromSeconds(5));
        // Waiting together behind the first batch: the second, which fails after answering its first request.
        var together = new[] { 1, 2, 3 }.Select(gathering.Submit).ToArray();
        first.SetResult();

        (await lone).ShouldBe(0);
        (await together[0]).ShouldBe(1);
        (await Should.ThrowAsync<InvalidOperationException>(() => together[1])).Message.ShouldBe("the database broke off");
        await Should.ThrowAsync<InvalidOperationException>(() => together[2]);
        (await gathering.Submit(4)).ShouldBe(4);
    }

    [Fact]
    public async Task A_cancellation_of_the_handlers_own_fails_its_batch_and_the_gathering_goes_on()
    {
        var batches = 0;
        await using var gathering = new Gathering<int, int>(10, (batch, _) =>
        {
            if (Interlocked.Increment(ref batches) == 1)
                throw new OperationCanceledException("the query's own timeout");
            foreach (var p in batch)
                p.Outcome.TrySetResult(p.Request);
            return Task.CompletedTask;
        });
        var first = gathering.Submit(1);
        await Should.ThrowAsync<OperationCanceledException>(() => first);
        first.IsFaulted.ShouldBeTrue("failed with the handler's exception, not cancelled as at disposal");
        (await gathering.Submit(2)).ShouldBe(2);
    }

    [Fact]
    public async Task Disposal_cancels_what_is_waiting_and_refuses_what_comes_after()
    {
        var handling = new TaskCompletionSource();
        var gathering = new Gathering<int, int>(10, async (batch, stop) =>
        {
            handling.TrySetResult();
            await Task.Delay(Timeout.Infinite, stop);
        });
        // One request in the batch being handled, one still queued behind it: disposal cancels both.
        var inHand = gathering.Submit(1);
        await handling.Task;
        var waiting = gathering.Submit(2);
        await gathering.DisposeAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => inHand);
        inHand.IsCanceled.ShouldBeTrue("cancelled by the disposal, not failed as by a handler's own fault");
        await Should.ThrowAsync<OperationCanceledException>(() => waiting);
        waiting.IsCanceled.ShouldBeTrue("cancelled by the disposal, not failed as by a handler's own fault");
        await Should.ThrowAsync<ObjectDisposedException>(() => gathering.Submit(3));
    }
}
