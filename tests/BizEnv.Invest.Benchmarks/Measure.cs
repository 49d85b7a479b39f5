using System.Diagnostics;
using System.Globalization;

namespace BizEnv.Invest.Benchmarks;

/// <summary>Runs an operation N times after a warm-up and reports ops/s, p50/p99 latency and peak memory.</summary>
internal static class Measure
{
    public sealed record Result(string Name, int Operations, double Seconds, double P50Ms, double P99Ms, long PeakMemoryMb)
    {
        public double OpsPerSecond => Operations / Seconds;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Name,-44} ops={Operations,6} s={Seconds,7:F2} ops/s={OpsPerSecond,9:F1} p50={P50Ms,7:F2}ms p99={P99Ms,7:F2}ms peak={PeakMemoryMb,5}MB");
    }

    public static async Task<Result> Run(string name, int operations, Func<int, Task> operation, int warmup = 20)
    {
        for (var i = 0; i < warmup; i++)
            await operation(i);
        var latencies = new double[operations];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < operations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await operation(i);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        total.Stop();
        return Summarize(name, operations, total.Elapsed, latencies);
    }

    /// <summary>
    /// As <see cref="Run"/>, but <paramref name="clients"/> tasks share the <paramref name="operations"/>
    /// (each takes the next index until none is left): throughput under concurrency, where locks,
    /// pools and the grain's scheduling are contended as in production, and not just one call's cost.
    /// </summary>
    public static async Task<Result> RunConcurrent(string name, int operations, int clients, Func<int, Task> operation, int warmup = 20)
    {
        for (var i = 0; i < warmup; i++)
            await operation(i);
        var (elapsed, latencies) = await Clients(operations, clients, operation);
        return Summarize(name, operations, elapsed, latencies);
    }

    /// <summary><paramref name="clients"/> tasks taking the next of <paramref name="operations"/> indexes (from <paramref name="first"/>) until none is left.</summary>
    private static async Task<(TimeSpan Elapsed, double[] Latencies)> Clients(int operations, int clients, Func<int, Task> operation, int first = 0)
    {
        var latencies = new double[operations];
        var next = -1;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < operations; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                await operation(first + i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        return (total.Elapsed, latencies);
    }

    /// <summary>
    /// Two sides of one comparison (the app and the same SQL raw) run in alternating rounds, <paramref name="rounds"/> of
    /// each, <paramref name="clients"/> at a time: whatever drifts during the run (autovacuum, the sequencer sealing what the
    /// other side queued, the JIT's later tiers) weighs on both alike instead of on whichever went second.
    /// </summary>
    public static async Task<(Result A, Result B)> Compare(string nameA, Func<int, Task> a, string nameB, Func<int, Task> b, int operations, int clients,
        int rounds = 5)
    {
        var perRound = Math.Max(1, operations / rounds);
        var (timeA, timeB) = (TimeSpan.Zero, TimeSpan.Zero);
        var (latA, latB) = (new List<double>(), new List<double>());
        for (var i = 0; i < 20; i++)
        {
            await a(1_000_000 + i);
            await b(1_000_000 + i);
        }
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (op, lat, isA) in new[] { (a, latA, true), (b, latB, false) })
            {
                var (elapsed, latencies) = await Clients(perRound, clients, op, round * perRound);
                lat.AddRange(latencies);
                if (isA) timeA += elapsed; else timeB += elapsed;
            }
        }
        return (Summarize(nameA, perRound * rounds, timeA, [.. latA]), Summarize(nameB, perRound * rounds, timeB, [.. latB]));
    }

    private static Result Summarize(string name, int operations, TimeSpan elapsed, double[] latencies)
    {
        Array.Sort(latencies);
        using var process = Process.GetCurrentProcess();
        return new Result(name, operations, elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99),
            process.PeakWorkingSet64 / (1024 * 1024));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
