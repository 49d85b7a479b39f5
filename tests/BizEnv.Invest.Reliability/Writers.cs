using System.Collections.Concurrent;
using System.Diagnostics;

namespace BizEnv.Invest.Reliability;

/// <summary>One logical write (one marker) and what its attempts came to.</summary>
public sealed record LogicalWrite(string Marker, Outcome Final, int Status, Guid? Id, int Attempts, string? Detail);

/// <summary>The traffic of one phase: every logical write, every attempt's answer, and when each node last acknowledged.</summary>
public sealed class Traffic(int nodes)
{
    private readonly long[] _lastAck = new long[nodes];
    private readonly int[] _inFlight = new int[nodes];

    public ConcurrentQueue<LogicalWrite> Writes { get; } = new();
    public ConcurrentDictionary<string, int> AttemptAnswers { get; } = new(StringComparer.Ordinal);
    public ConcurrentQueue<string> Samples { get; } = new();
    public Task Completion { get; set; } = Task.CompletedTask;

    public int InFlight(int node) => Volatile.Read(ref _inFlight[node]);
    public long LastAckTimestamp(int node) => Interlocked.Read(ref _lastAck[node]);

    internal void Begin(int node) => Interlocked.Increment(ref _inFlight[node]);

    internal void End(int node, Attempt a)
    {
        Interlocked.Decrement(ref _inFlight[node]);
        var key = a.Outcome switch
        {
            Outcome.Acknowledged or Outcome.Answered => a.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Outcome.NotDelivered => "not delivered",
            _ => "dropped",
        };
        AttemptAnswers.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (a.Outcome == Outcome.Acknowledged)
            Interlocked.Exchange(ref _lastAck[node], Stopwatch.GetTimestamp());
        // Keep a few examples of every kind of failure for the report.
        if (a.Outcome is Outcome.Answered or Outcome.Unknown && Samples.Count < 40)
            Samples.Enqueue($"{key}: {a.Detail}");
    }
}

/// <summary>
/// K concurrent writers, each signed in as the demo officer, recording promises through
/// POST /api/v1/commitments on the two nodes alternately. A write that could not reach its node
/// (connection refused: provably never delivered) is retried on the other node with the same marker
/// and Idempotency-Key; a write whose connection dropped after sending is "unknown" and, only with
/// --retry-unknown, retried the same way. Every loop is bounded in attempts and time.
/// </summary>
public sealed class Writers(IReadOnlyList<ApiSession> sessions, IReadOnlyList<Node> nodes, Options options, string run)
{
    private const int MaxAttempts = 8;
    private int _next;

    /// <summary>
    /// Starts the writers; they stop taking new writes when <paramref name="stop"/> fires (or after
    /// <paramref name="quota"/> writes in all), finish the one in hand, and <see cref="Traffic.Completion"/> completes.
    /// </summary>
    public Traffic Start(string phase, Func<string, int, object> body, int? quota, CancellationToken stop, CancellationToken abort)
    {
        var traffic = new Traffic(nodes.Count);
        var start = _next;
        traffic.Completion = Task.WhenAll(sessions.Select(session => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref _next) - 1;
                if (quota is { } q && n - start >= q)
                    break;
                var marker = $"rh:{run}:{phase}:{n:D6}";
                var write = await WriteAsync(session, traffic, marker, body(marker, n), n % nodes.Count, abort);
                traffic.Writes.Enqueue(write);
                if (write.Final != Outcome.Acknowledged)
                    await Task.Delay(200, abort); // the database may be down: do not spin
            }
        }, abort)));
        return traffic;
    }

    private async Task<LogicalWrite> WriteAsync(ApiSession session, Traffic traffic, string marker, object body, int node, CancellationToken abort)
    {
        var key = Guid.NewGuid().ToString();
        var sawUnknown = false;
        Attempt last = new(Outcome.NotDelivered, 0, null, null);
        var attempts = 0;
        while (attempts < MaxAttempts)
        {
            attempts++;
            traffic.Begin(node);
            last = await session.PostAsync(nodes[node].BaseUri, "api/v1/commitments", body, key, abort);
            traffic.End(node, last);
            if (last.Outcome is Outcome.Acknowledged or Outcome.Answered)
                break;
            if (last.Outcome == Outcome.Unknown)
            {
                sawUnknown = true;
                if (!options.RetryUnknown)
                    break;
            }
            node = (node + 1) % nodes.Count;
            await Task.Delay(50 * attempts, abort);
        }
        var final = last.Outcome == Outcome.NotDelivered && sawUnknown ? Outcome.Unknown : last.Outcome;
        return new LogicalWrite(marker, final, last.Status, last.Id, attempts, last.Detail);
    }
}
