using System.Numerics;
using System.Runtime.InteropServices;

namespace BizEnv.Invest.Domain.Ledger.Merkle;

/// <summary>
/// Appends leaves and says which complete subtrees each one completes, for the store to keep. It holds
/// only the right edge of the tree: the complete subtrees that make up [0, Size), largest first (one per
/// set bit of Size). A new leaf at index i completes one node per trailing one bit of i — the pairs it
/// closes — so appending costs O(log n) at worst and O(1) on average, and never reads the store.
/// </summary>
public sealed class MerkleAppender
{
    private readonly List<byte[]> edge;

    public MerkleAppender() : this(0, [])
    {
    }

    /// <param name="size">How many leaves the tree has.</param>
    /// <param name="edge">The hashes of <c>new MerkleRange(0, size).Subtrees()</c>, in that order.</param>
    public MerkleAppender(long size, IReadOnlyList<byte[]> edge)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (edge.Count != BitOperations.PopCount((ulong)size))
            throw new ArgumentException($"A tree of {size} leaves has {BitOperations.PopCount((ulong)size)} complete subtrees on its edge, not {edge.Count}.", nameof(edge));
        Size = size;
        this.edge = [.. edge];
    }

    public long Size { get; private set; }

    /// <summary>Resumes a tree of <paramref name="size"/> leaves from its store, with one read.</summary>
    public static async ValueTask<MerkleAppender> ResumeAsync(IMerkleNodeSource source, long size, CancellationToken cancellationToken = default)
    {
        var edge = size == 0 ? [] : await source.GetAsync([.. new MerkleRange(0, size).Subtrees()], cancellationToken);
        return new MerkleAppender(size, edge);
    }

    /// <summary>The tree head MTH(D[0:Size]).</summary>
    public byte[] Root() => Size == 0 ? MerkleHash.EmptyRoot : MerkleRange.Fold(CollectionsMarshal.AsSpan(edge));

    /// <summary>Appends one leaf and adds to <paramref name="completed"/> the nodes it completes, lowest level first.</summary>
    public void Append(byte[] leafHash, ICollection<MerkleNode> completed)
    {
        if (leafHash.Length != MerkleHash.Size)
            throw new ArgumentException($"A leaf hash has {MerkleHash.Size} bytes.", nameof(leafHash));
        var node = new MerkleNode(new MerkleNodeId(0, Size), leafHash);
        completed.Add(node);
        while ((node.Id.Index & 1) == 1)
        {
            node = new MerkleNode(new MerkleNodeId(node.Id.Level + 1, node.Id.Index >> 1), MerkleHash.NodeHash(edge[^1], node.Hash));
            edge.RemoveAt(edge.Count - 1);
            completed.Add(node);
        }
        edge.Add(node.Hash);
        Size++;
    }

    /// <summary>Appends leaves in order; returns the nodes they complete, to be stored in one batch.</summary>
    public List<MerkleNode> Append(IEnumerable<byte[]> leafHashes)
    {
        var completed = new List<MerkleNode>();
        foreach (var leafHash in leafHashes)
            Append(leafHash, completed);
        return completed;
    }
}
