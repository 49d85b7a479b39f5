using System.Threading.Channels;

namespace BizEnv.Invest.Application.Common;

/// <summary>
/// Requests that arrive at the same moment, handled together: one reader takes whatever is waiting (up to a batch) and
/// hands it to the handler, which answers each request. A lone request waits for nobody — it is handled as soon as it
/// arrives. A handler that throws fails every request of its batch it had not answered; on disposal what is left is
/// cancelled. Used where thousands of grains would otherwise each make a round trip at once (<see
/// cref="Commitments.Promises.PromiseLoads"/>, <see cref="Commitments.Promises.LapseJournal"/>).
/// </summary>
public sealed class Gathering<TRequest, TResult> : IAsyncDisposable
{
    /// <summary>One request and its answer, which the handler sets.</summary>
    public sealed record Pending(TRequest Request, TaskCompletionSource<TResult> Outcome);

    private readonly int _maxBatch;
    private readonly Func<IReadOnlyList<Pending>, CancellationToken, Task> _handle;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;

    public Gathering(int maxBatch, Func<IReadOnlyList<Pending>, CancellationToken, Task> handle)
    {
        (_maxBatch, _handle) = (maxBatch, handle);
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>The request's answer, once its batch has been handled.</summary>
    public Task<TResult> Submit(TRequest request)
    {
        var pending = new Pending(request, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
            pending.Outcome.SetException(new ObjectDisposedException(GetType().Name));
        return pending.Outcome.Task;
    }

    private async Task ReadLoopAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stop.Token))
            {
                while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var pending))
                    batch.Add(pending);
                try
                {
                    await _handle(batch, _stop.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
                {
                    foreach (var pending in batch)
                        pending.Outcome.TrySetException(ex);
                }
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
