using Npgsql;

namespace BizEnv.Invest.Application.Common.Grains;

/// <summary>
/// How many commands a node carries to grains at once: half its connection pool. A command's handler reads on its
/// request's connection and keeps it while the grain works, and the grain needs a connection of its own from the same
/// pool — with as many commands in flight as the pool holds, every connection would wait on a grain that waits for a
/// connection, until the pool's timeout failed them all. Held to half, the other half is always there for the grains
/// (and for what a refused command audits on a connection of its own). The rest queue here, holding nothing.
/// </summary>
public sealed class GrainCommandGate(NpgsqlDataSource dataSource)
{
    private readonly SemaphoreSlim slots = new(SlotsFor(dataSource.ConnectionString));

    /// <summary>Half of the pool's Max Pool Size, at least one.</summary>
    public static int SlotsFor(string connectionString) => Math.Max(1, new NpgsqlConnectionStringBuilder(connectionString).MaxPoolSize / 2);

    /// <summary>Waits for a slot; disposing the result gives it back.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await slots.WaitAsync(ct);
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
