namespace BizEnv.Invest.Domain.Ledger.Merkle;

/// <summary>The tree head MTH(D[0:size]) of any size up to what has been appended, from stored nodes.</summary>
public static class MerkleRoot
{
    public static async ValueTask<byte[]> ReadAsync(IMerkleNodeSource source, long size, CancellationToken cancellationToken = default) =>
        size == 0 ? MerkleHash.EmptyRoot : (await MerkleRange.ReadAsync(source, [new MerkleRange(0, size)], cancellationToken))[0];
}
