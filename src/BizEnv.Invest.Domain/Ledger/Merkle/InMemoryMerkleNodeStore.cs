namespace BizEnv.Invest.Domain.Ledger.Merkle;

/// <summary>
/// Complete subtrees in memory, for tests and benchmarks: per level one run of 32-byte hashes, in
/// chunks so that 10,000,000 leaves (about 20,000,000 nodes, 640 MB) need no single huge array.
/// Append-only as the tree is: each level takes its nodes in index order.
/// </summary>
public sealed class InMemoryMerkleNodeStore : IMerkleNodeSource
{
    private const int ChunkBits = 15;
    private const int ChunkNodes = 1 << ChunkBits;
    private readonly List<List<byte[]>> levels = [];
    private readonly List<long> counts = [];

    public long Count(int level) => level >= 0 && level < counts.Count ? counts[level] : 0;

    public void Add(IEnumerable<MerkleNode> nodes)
    {
        foreach (var node in nodes)
            Add(node);
    }

    public void Add(MerkleNode node)
    {
        var (level, index) = node.Id;
        if (node.Hash.Length != MerkleHash.Size)
            throw new ArgumentException($"A node hash has {MerkleHash.Size} bytes.", nameof(node));
        while (levels.Count <= level)
        {
            levels.Add([]);
            counts.Add(0);
        }
        if (index != counts[level])
            throw new InvalidOperationException($"Level {level} holds {counts[level]} nodes; node {index} would not be appended in order.");
        var chunks = levels[level];
        if (index >> ChunkBits == chunks.Count)
            chunks.Add(new byte[ChunkNodes * MerkleHash.Size]);
        node.Hash.CopyTo(chunks[^1].AsSpan((int)(index & (ChunkNodes - 1)) * MerkleHash.Size));
        counts[level]++;
    }

    public ValueTask<byte[][]> GetAsync(IReadOnlyList<MerkleNodeId> nodes, CancellationToken cancellationToken = default)
    {
        var hashes = new byte[nodes.Count][];
        for (var i = 0; i < nodes.Count; i++)
        {
            var (level, index) = nodes[i];
            if (index < 0 || index >= Count(level))
                throw new KeyNotFoundException($"No Merkle node ({level}, {index}) has been stored.");
            hashes[i] = levels[level][(int)(index >> ChunkBits)].AsSpan((int)(index & (ChunkNodes - 1)) * MerkleHash.Size, MerkleHash.Size).ToArray();
        }
        return ValueTask.FromResult(hashes);
    }
}
