using Npgsql;

namespace BizEnv.Invest.Application.Common.Grains;

/// <summary>
/// How many requests a node lets wait on grains at once (<see cref="Abstractions.ICallsGrains"/>): half its connection
/// pool. Such a request's handler reads on its request's connection and keeps it while the grain works, and the grain
/// needs a connection of its own from the same pool — with as many of them in flight as the pool holds, every
/// connection would wait on a grain that waits for a connection, until the pool's timeout failed them all. Held to
/// half, the other half is there for the grains (and for what a refused command audits on a connection of its own);
/// the rest queue here, holding nothing. (The pool is at least <see cref="SmallestPool"/>, checked at start-up.)
/// </summary>
public sealed class GrainCallGate(string connectionString, TimeSpan longestWait)
{
    /// <summary>The smallest Maximum Pool Size the application runs with: two requests at grains, two connections for the grains.</summary>
    public const int SmallestPool = 4;

    /// <summary>
    /// How long a request waits for its turn before it is answered "busy, nothing done" (<see cref="Errors.ServerBusyException"/>):
    /// as long as Orleans waits for a grain's answer — a queue that has not moved for that long is stuck, not busy.
    /// </summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim slots = new(SlotsFor(connectionString));

    public GrainCallGate(NpgsqlDataSource dataSource) : this(dataSource.ConnectionString, LongestWait)
    {
    }

    /// <summary>Half of the pool's Maximum Pool Size.</summary>
    public static int SlotsFor(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).MaxPoolSize / 2;

    /// <summary>Waits for a slot, at most <c>longestWait</c>; disposing the result gives it back.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (!await slots.WaitAsync(longestWait, ct))
            throw new Errors.ServerBusyException();
        return new Slot(slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
                slots.Release();
        }
    }
}
