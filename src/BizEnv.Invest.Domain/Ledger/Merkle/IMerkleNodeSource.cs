namespace BizEnv.Invest.Domain.Ledger.Merkle;

/// <summary>
/// Where complete subtrees' hashes are read from. One call per proof or root, for all the O(log n)
/// nodes it needs, so a database serves a proof with one query however large the ledger grows.
/// </summary>
public interface IMerkleNodeSource
{
    /// <summary>The hashes of <paramref name="nodes"/>, in the order asked. Each must have been stored.</summary>
    ValueTask<byte[][]> GetAsync(IReadOnlyList<MerkleNodeId> nodes, CancellationToken cancellationToken = default);
}
