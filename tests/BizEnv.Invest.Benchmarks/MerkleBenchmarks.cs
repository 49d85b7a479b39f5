using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using BizEnv.Invest.Domain.Ledger.Merkle;

namespace BizEnv.Invest.Benchmarks;

/// <summary>
/// Issue #13's target, "proofs stay fast at 10,000,000 entries", for the tree itself (no database): appends
/// into the complete-subtree store, then inclusion proofs of random entries in random checkpoints, consistency
/// proofs between random pairs of checkpoint sizes, tree heads of random sizes, and the verifier — each proof
/// checked after timing. What a database adds is one indexed read of the O(log n) nodes a proof names.
/// </summary>
internal static class MerkleBenchmarks
{
    public static async Task RunAsync(int leaves, int samples)
    {
        var store = new InMemoryMerkleNodeStore();
        var appender = new MerkleAppender();
        var appending = Stopwatch.StartNew();
        var nodes = Append(appender, store, leaves);
        appending.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"appended {leaves:N0} leaves ({nodes:N0} complete subtrees, {nodes * MerkleHash.Size / (1024 * 1024):N0} MB of hashes) in {appending.Elapsed.TotalSeconds:F1} s: {leaves / appending.Elapsed.TotalSeconds:N0} appends/s (leaf hash + node hashes + store)"));
        if (!(await MerkleRoot.ReadAsync(store, leaves)).AsSpan().SequenceEqual(appender.Root()))
            throw new InvalidOperationException("The stored tree's head is not the appender's.");

        var random = new Random(13);
        var sizes = Enumerable.Range(0, samples).Select(_ => random.NextInt64(2, leaves + 1L)).ToArray();
        var indexes = sizes.Select(n => random.NextInt64(n)).ToArray();
        var firsts = sizes.Select(n => random.NextInt64(1, n)).ToArray();
        var inclusions = new byte[samples][][];
        var consistencies = new byte[samples][][];
        var roots = new byte[samples][];
        var firstRoots = new byte[samples][];

        Report(await Measure.Run("merkle inclusion proof, random leaf and size", samples,
            async i => inclusions[i] = await MerkleProofs.InclusionProofAsync(store, indexes[i], sizes[i])));
        Report(await Measure.Run("merkle consistency proof, random sizes", samples,
            async i => consistencies[i] = await MerkleProofs.ConsistencyProofAsync(store, firsts[i], sizes[i])));
        Report(await Measure.Run("merkle tree head, random size", samples,
            async i => roots[i] = await MerkleRoot.ReadAsync(store, sizes[i])));
        for (var i = 0; i < samples; i++)
            firstRoots[i] = await MerkleRoot.ReadAsync(store, firsts[i]);

        var failures = 0;
        Report(await Measure.Run("merkle verify inclusion", samples, i =>
        {
            failures += MerkleVerifier.VerifyInclusion(indexes[i], sizes[i], LeafHash(indexes[i]), inclusions[i], roots[i]) ? 0 : 1;
            return Task.CompletedTask;
        }, warmup: 0));
        Report(await Measure.Run("merkle verify consistency", samples, i =>
        {
            failures += MerkleVerifier.VerifyConsistency(firsts[i], sizes[i], firstRoots[i], roots[i], consistencies[i]) ? 0 : 1;
            return Task.CompletedTask;
        }, warmup: 0));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {2 * samples:N0} proofs verified, {failures} failed; longest inclusion proof {inclusions.Max(p => p.Length)} hashes, longest consistency proof {consistencies.Max(p => p.Length)}"));
    }

    /// <summary>Measure's line, and the percentiles in microseconds: a proof takes a few of them.</summary>
    private static void Report(Measure.Result result)
    {
        Console.WriteLine(result);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  p50 {result.P50Ms * 1000:F1} µs, p99 {result.P99Ms * 1000:F1} µs"));
    }

    /// <summary>Appends leaves whose entries are their index, storing completed nodes in batches as a database would.</summary>
    private static long Append(MerkleAppender appender, InMemoryMerkleNodeStore store, int leaves)
    {
        var batch = new List<MerkleNode>(8192);
        long nodes = 0;
        for (long i = 0; i < leaves; i++)
        {
            appender.Append(LeafHash(i), batch);
            if (batch.Count < 4096)
                continue;
            store.Add(batch);
            nodes += batch.Count;
            batch.Clear();
        }
        store.Add(batch);
        return nodes + batch.Count;
    }

    private static byte[] LeafHash(long index)
    {
        Span<byte> entry = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(entry, index);
        return MerkleHash.LeafHash(entry);
    }
}
