using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.Ledger.Tree;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Ledger.Merkle;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace BizEnv.Invest.Benchmarks;

/// <summary>
/// The verifiable ledger's scale targets (issue #13) that need a database: sustained appends with eight writers
/// while the sequencer seals, against the same INSERT run raw; and proofs over a tree of ten million entries.
/// </summary>
internal static class LedgerScaleBenchmarks
{
    /// <summary>A promise's state as a grain records it: about the size of a real one (serialized by the writer; the raw side gets the text).</summary>
    private static readonly object StateObject = new
    {
        Id = Guid.NewGuid(), ProjectNumber = "HC-2026-0042", InvestorName = "海川新能源科技有限公司", Kind = "LandSupply",
        Clause = "在项目签约后六十日内完成 50 亩工业用地的出让手续，并保障水、电、气、路接至红线", ValueCny = 12_500_000m, ZoneName = "海川经济技术开发区",
        Resource = "Land", Amount = 33_333.33m, MadeOn = "2026-11-02", DueDate = "2027-01-15", Status = "Open", PromiserName = "李志强",
        PolicyTitle = "海川市优化营商环境条例", PolicyNumber = "海政发〔2024〕1号", ContractRef = "HT-2026-00042", Version = 1,
    };

    private static readonly string State = JsonSerializer.Serialize(StateObject, LedgerWriter.StateJson);

    /// <summary>
    /// <paramref name="writers"/> writers, each appending one entry per transaction for <paramref name="seconds"/>
    /// seconds through <see cref="LedgerWriter"/>, while the sequencer runs as the app's tick does (every second, on one
    /// node); then the same with the writer's INSERT on a bare connection. Sustained: what was sealed per second
    /// until the queue is empty again, counting the drain after the writers stop.
    /// </summary>
    public static async Task AppendAsync(IServiceProvider services, NpgsqlDataSource dataSource, int writers, int seconds)
    {
        var sequencer = services.GetRequiredService<LedgerSequencer>();
        var writer = new LedgerWriter();
        var app = await SustainedAsync("app append (LedgerWriter)", dataSource, sequencer, writers, seconds, async (cn, tx, i) =>
            await writer.AppendAsync(cn, tx, Guid.NewGuid(), "Recorded", "officer", DateTimeOffset.UtcNow, null, StateObject, default));
        var raw = await SustainedAsync("raw append (same INSERT)", dataSource, sequencer, writers, seconds, async (cn, tx, i) =>
        {
            await using var cmd = new NpgsqlCommand(
                "INSERT INTO ledger_queue (commitment_id, event, actor, at, reason, state) VALUES ($1, 'Recorded', 'officer', $2, NULL, $3)", cn, tx);
            cmd.Parameters.AddWithValue(Guid.NewGuid());
            cmd.Parameters.AddWithValue(LedgerHash.Truncate(DateTimeOffset.UtcNow));
            cmd.Parameters.AddWithValue(State);
            await cmd.ExecuteNonQueryAsync();
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  sealed/s app/raw = {app / raw:P0}; target ≥ 2,000 entries/s sustained with {writers} writers: {(app >= 2000 ? "met" : "NOT MET")}"));
    }

    private static async Task<double> SustainedAsync(string name, NpgsqlDataSource dataSource, LedgerSequencer sequencer, int writers, int seconds,
        Func<NpgsqlConnection, NpgsqlTransaction, int, Task> append)
    {
        long sealedBefore;
        await using (var cn = await dataSource.OpenConnectionAsync())
        {
            await sequencer.IntegrateAllAsync(default);
            sealedBefore = await cn.ExecuteScalarAsync<long>("SELECT coalesce(max(size), 0) FROM ledger_tree_heads");
        }
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var written = 0L;
        var maxBacklog = 0L;
        var clock = Stopwatch.StartNew();
        var sealing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await sequencer.IntegrateAllAsync(default);
                await using (var cn = await dataSource.OpenConnectionAsync())
                    maxBacklog = Math.Max(maxBacklog, await cn.ExecuteScalarAsync<long>("SELECT count(*) FROM ledger_queue"));
                try { await Task.Delay(TimeSpan.FromSeconds(1), stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var latencies = new List<double>[writers];
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            latencies[w] = [];
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await using var cn = await dataSource.OpenConnectionAsync();
                await using var tx = await cn.BeginTransactionAsync();
                await append(cn, tx, i);
                await tx.CommitAsync();
                latencies[w].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref written);
            }
        })));
        var writing = clock.Elapsed;
        await sealing;
        var head = await sequencer.IntegrateAllAsync(default);
        var total = clock.Elapsed;
        var sealedCount = head!.Size - sealedBefore;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var rate = sealedCount / total.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-28} {writers} writers {writing.TotalSeconds:F1} s: written {written:N0} ({written / writing.TotalSeconds:N0}/s, p50 {all[all.Length / 2]:F2} ms, p99 {all[(int)(all.Length * 0.99)]:F2} ms per transaction); sealed {sealedCount:N0} in {total.TotalSeconds:F1} s incl. drain = {rate:N0}/s; largest queue seen {maxBacklog:N0}"));
        return rate;
    }

    /// <summary>
    /// Proof latency at <paramref name="entries"/> entries. Proofs read only the stored tree (complete subtrees) and its
    /// head, so the tree of that many leaves is built here as the sequencer builds it — leaf by leaf, each completed node
    /// stored — with binary COPY, and its head stored; then <see cref="LedgerProofBenchmarks"/> runs through the app.
    /// </summary>
    public static async Task ProofsAsync(IServiceProvider services, NpgsqlDataSource dataSource, string ownerConnectionString, long entries, int samples)
    {
        var clock = Stopwatch.StartNew();
        var tree = new MerkleAppender();
        var completed = new List<MerkleNode>();
        var leaf = new byte[8];
        long nodes = 0;
        await using (var cn = await dataSource.OpenConnectionAsync())
        {
            if (await cn.ExecuteScalarAsync<long>("SELECT count(*) FROM ledger_tree_nodes") > 0)
                throw new InvalidOperationException("The benchmark builds its own tree on an empty one.");
            await using (var copy = await cn.BeginBinaryImportAsync("COPY ledger_tree_nodes (level, idx, hash) FROM STDIN (FORMAT BINARY)"))
            {
                for (long i = 0; i < entries; i++)
                {
                    BitConverter.TryWriteBytes(leaf, i);
                    tree.Append(MerkleHash.LeafHash(leaf), completed);
                    foreach (var node in completed)
                    {
                        await copy.StartRowAsync();
                        await copy.WriteAsync((short)node.Id.Level, NpgsqlDbType.Smallint);
                        await copy.WriteAsync(node.Id.Index, NpgsqlDbType.Bigint);
                        await copy.WriteAsync(node.Hash, NpgsqlDbType.Bytea);
                    }
                    nodes += completed.Count;
                    completed.Clear();
                }
                await copy.CompleteAsync();
            }
            await cn.ExecuteAsync("INSERT INTO ledger_tree_heads (size, root, at) VALUES (@size, @root, now())", new { size = entries, root = tree.Root() });
        }
        await using (var owner = new NpgsqlConnection(ownerConnectionString))
            await owner.ExecuteAsync("VACUUM ANALYZE ledger_tree_nodes", commandTimeout: 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stored the tree of {entries:N0} entries ({nodes:N0} nodes) in {clock.Elapsed.TotalSeconds:F0} s"));
        await LedgerProofBenchmarks.RunAsync(services, dataSource, samples);
    }
}
