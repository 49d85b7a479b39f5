using System.Globalization;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.GetLedgerProof;
using BizEnv.Invest.Application.Commitments.Ledger.Tree;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Domain.Ledger.Merkle;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BizEnv.Invest.Benchmarks;

/// <summary>
/// Proof latency at the benchmark's ledger size, through the application's queries (authorization, session,
/// node read, folding, hex), against the floor: one raw SQL read of the same stored nodes, ids worked out beforehand.
/// </summary>
internal static class LedgerProofBenchmarks
{
    public static async Task RunAsync(IServiceProvider services, NpgsqlDataSource dataSource, int samples)
    {
        var dispatcher = services.GetRequiredService<RequestDispatcher>();
        long size;
        Actor integrity;
        await using (var cn = await dataSource.OpenConnectionAsync())
        {
            size = (await TreeHead.ReadAsync(cn, null, default)).Size;
            integrity = await BenchSetup.ActorAsync(cn, "integrity");
        }
        var random = new Random(13);
        var seqs = Enumerable.Range(0, samples + 20).Select(_ => random.NextInt64(1, size + 1)).ToArray();
        var olds = seqs.Select(s => Math.Max(1, s - 1)).ToArray();

        var inclusion = await Measure.Run("inclusion proof (app query)", samples, i => dispatcher.Send(new GetInclusionProof(seqs[i], null, size), integrity));
        var inclusionRaw = await Measure.Run("raw read of the same nodes", samples, i => RawRead(dataSource,
            [.. MerkleProofs.InclusionRanges(seqs[i] - 1, size), new MerkleRange(seqs[i] - 1, seqs[i]), new MerkleRange(0, size)]));
        var consistency = await Measure.Run("consistency proof (app query)", samples, i => dispatcher.Send(new GetConsistencyProof(olds[i], size), integrity));
        var consistencyRaw = await Measure.Run("raw read of the same nodes", samples, i => RawRead(dataSource,
            [.. MerkleProofs.ConsistencyRanges(olds[i], size), new MerkleRange(0, olds[i]), new MerkleRange(0, size)]));
        foreach (var (app, raw) in new[] { (inclusion, inclusionRaw), (consistency, consistencyRaw) })
        {
            Console.WriteLine(app);
            Console.WriteLine(raw);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{app.Name} at {size:N0} entries: p50 {app.P50Ms / raw.P50Ms:F2}×, p99 {app.P99Ms / raw.P99Ms:F2}× the raw read (target p99 ≤ 10 ms: {(app.P99Ms <= 10 ? "met" : "NOT MET")})"));
        }
    }

    /// <summary>The floor: the same complete subtrees in one plain query on a connection of the pool, nothing folded.</summary>
    private static async Task RawRead(NpgsqlDataSource dataSource, IEnumerable<MerkleRange> ranges)
    {
        var nodes = ranges.SelectMany(r => r.Subtrees()).ToArray();
        await using var cn = await dataSource.OpenConnectionAsync();
        var hashes = await cn.QueryAsync<byte[]>("SELECT n.hash FROM unnest(@levels, @idxs) AS q (level, idx) JOIN ledger_tree_nodes n ON n.level = q.level AND n.idx = q.idx",
            new { levels = nodes.Select(n => (short)n.Level).ToArray(), idxs = nodes.Select(n => n.Index).ToArray() });
        if (hashes.Count() != nodes.Length)
            throw new InvalidOperationException("A node of the proof is not stored.");
    }
}
