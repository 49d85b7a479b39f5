namespace BizEnv.Invest.Domain.Ledger.Merkle;

/// <summary>
/// A complete (perfect) subtree: the root of leaves [Index·2^Level, (Index+1)·2^Level). RFC 9162 trees are
/// not perfect, but every one of their nodes is a complete subtree or a fold of a few; and a complete
/// subtree's hash never changes once its last leaf is appended, so it is what the store keeps.
/// </summary>
public readonly record struct MerkleNodeId(int Level, long Index)
{
    public long Start => Index << Level;

    public long End => (Index + 1) << Level;
}

/// <summary>A stored node: the coordinates of a complete subtree and its hash.</summary>
public readonly record struct MerkleNode(MerkleNodeId Id, byte[] Hash);
