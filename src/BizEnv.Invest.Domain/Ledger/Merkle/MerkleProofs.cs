using System.Numerics;

namespace BizEnv.Invest.Domain.Ledger.Merkle;

/// <summary>
/// RFC 9162 proofs as the ranges (tree nodes) they are made of, then as hashes read in one batch from the
/// store. Both walk the §2.1.1 recursion down from [0, size), splitting at the largest power of two below
/// the length, and list what they meet deepest first, as PATH and SUBPROOF do.
/// </summary>
public static class MerkleProofs
{
    /// <summary>PATH(index, D[size]) of §2.1.3.1: the sibling of every node from the leaf up to the root.</summary>
    public static List<MerkleRange> InclusionRanges(long index, long size)
    {
        if (index < 0 || index >= size)
            throw new ArgumentOutOfRangeException(nameof(index), $"Leaf {index} is not in a tree of {size}.");
        var siblings = new List<MerkleRange>();
        long start = 0, end = size;
        while (end - start > 1)
        {
            var split = start + LargestPowerOfTwoBelow(end - start);
            if (index < split)
            {
                siblings.Add(new MerkleRange(split, end));
                end = split;
            }
            else
            {
                siblings.Add(new MerkleRange(start, split));
                start = split;
            }
        }
        siblings.Reverse();
        return siblings;
    }

    /// <summary>
    /// PROOF(first, D[second]) = SUBPROOF(first, D[second], true) of §2.1.4.1. Follows the old tree's right
    /// edge down: whatever lies right of it is new, whatever lies left of it is shared; where the old
    /// tree's size is a node of the new tree the recursion stops, and that node is given unless it is the
    /// whole old tree (b = true), whose root the verifier already has.
    /// </summary>
    public static List<MerkleRange> ConsistencyRanges(long first, long second)
    {
        if (first <= 0 || first > second)
            throw new ArgumentOutOfRangeException(nameof(first), $"No consistency proof from {first} to {second} leaves.");
        var ranges = new List<MerkleRange>();
        long start = 0, end = second;
        var wholeOldTree = true;
        while (end != first)
        {
            var split = start + LargestPowerOfTwoBelow(end - start);
            if (first <= split)
            {
                ranges.Add(new MerkleRange(split, end));
                end = split;
            }
            else
            {
                ranges.Add(new MerkleRange(start, split));
                start = split;
                wholeOldTree = false;
            }
        }
        if (!wholeOldTree)
            ranges.Add(new MerkleRange(start, end));
        ranges.Reverse();
        return ranges;
    }

    public static ValueTask<byte[][]> InclusionProofAsync(IMerkleNodeSource source, long index, long size, CancellationToken cancellationToken = default) =>
        MerkleRange.ReadAsync(source, InclusionRanges(index, size), cancellationToken);

    public static ValueTask<byte[][]> ConsistencyProofAsync(IMerkleNodeSource source, long first, long second, CancellationToken cancellationToken = default) =>
        MerkleRange.ReadAsync(source, ConsistencyRanges(first, second), cancellationToken);

    /// <summary>k of §2.1.1: the largest power of two smaller than <paramref name="n"/> (n ≥ 2).</summary>
    private static long LargestPowerOfTwoBelow(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));
}
