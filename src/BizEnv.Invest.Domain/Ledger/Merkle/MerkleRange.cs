using System.Numerics;

namespace BizEnv.Invest.Domain.Ledger.Merkle;

/// <summary>
/// A node of an RFC 9162 tree: MTH(D[Start:End]). The tree's recursion (§2.1.1, splitting at the largest
/// power of two below the size) only makes ranges whose start is a multiple of the smallest power of two
/// not below their length; such a range is the complete subtrees given by the bits of its length, largest
/// first, and its hash is their fold from the right.
/// </summary>
public readonly record struct MerkleRange
{
    public MerkleRange(long start, long end)
    {
        if (start < 0 || end <= start || (start & ((long)BitOperations.RoundUpToPowerOf2((ulong)(end - start)) - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(start), $"[{start}, {end}) is not a node of an RFC 9162 tree.");
        Start = start;
        End = end;
    }

    public long Start { get; }

    public long End { get; }

    /// <summary>The complete subtrees that make up the range, left to right (one when the range is complete).</summary>
    public IEnumerable<MerkleNodeId> Subtrees()
    {
        var start = Start;
        var length = End - Start;
        for (var level = 63 - BitOperations.LeadingZeroCount((ulong)length); level >= 0; level--)
        {
            if ((length >> level & 1) == 0)
                continue;
            yield return new MerkleNodeId(level, start >> level);
            start += 1L << level;
        }
    }

    /// <summary>
    /// MTH of a range from the hashes of its complete subtrees, left to right: MTH(D[n]) joins the
    /// largest complete subtree with MTH of the rest (§2.1.1), so the fold runs from the right.
    /// </summary>
    public static byte[] Fold(ReadOnlySpan<byte[]> subtrees)
    {
        var hash = subtrees[^1];
        for (var i = subtrees.Length - 2; i >= 0; i--)
            hash = MerkleHash.NodeHash(subtrees[i], hash);
        return hash;
    }

    /// <summary>The hashes of <paramref name="ranges"/>, with one read of all their complete subtrees.</summary>
    public static async ValueTask<byte[][]> ReadAsync(IMerkleNodeSource source, IReadOnlyList<MerkleRange> ranges, CancellationToken cancellationToken = default)
    {
        var subtrees = ranges.SelectMany(r => r.Subtrees()).ToList();
        if (subtrees.Count == 0)
            return [];
        var hashes = await source.GetAsync(subtrees, cancellationToken);
        if (hashes.Length != subtrees.Count)
            throw new InvalidOperationException($"Asked for {subtrees.Count} Merkle nodes, got {hashes.Length}.");
        var result = new byte[ranges.Count][];
        var next = 0;
        for (var i = 0; i < ranges.Count; i++)
        {
            var count = BitOperations.PopCount((ulong)(ranges[i].End - ranges[i].Start));
            result[i] = Fold(hashes.AsSpan(next, count));
            next += count;
        }
        return result;
    }
}
