namespace BizEnv.Invest.Domain.Ledger.Merkle;

/// <summary>
/// The verifier's side of RFC 9162, step by step as §2.1.3.2 and §2.1.4.2 write it (a public page will run
/// the same steps in JavaScript). It answers false, never throws, on anything malformed: a proof comes
/// from outside and is either right or not.
/// </summary>
public static class MerkleVerifier
{
    /// <summary>§2.1.3.2: does <paramref name="proof"/> put the leaf hash at <paramref name="index"/> of the tree of <paramref name="size"/> with <paramref name="root"/>?</summary>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]>? proof, ReadOnlySpan<byte> root)
    {
        if (index < 0 || index >= size || leafHash.Length != MerkleHash.Size || root.Length != MerkleHash.Size || !WellFormed(proof))
            return false;
        long fn = index, sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
                return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHash.NodeHash(p, r);
                // fn is the last node of its level: it has no right sibling, so it rises unchanged.
                while (fn != 0 && (fn & 1) == 0)
                    (fn, sn) = (fn >> 1, sn >> 1);
            }
            else
            {
                r = MerkleHash.NodeHash(r, p);
            }
            (fn, sn) = (fn >> 1, sn >> 1);
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>
    /// §2.1.4.2: is the tree of <paramref name="second"/> leaves an append-only extension of the one of
    /// <paramref name="first"/>? Equal sizes need an empty proof and equal roots (the RFC's proof for m = n
    /// is empty); the empty tree is refused, as there is nothing in it to be consistent with.
    /// </summary>
    public static bool VerifyConsistency(long first, long second, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]>? proof)
    {
        if (first <= 0 || first > second || firstRoot.Length != MerkleHash.Size || secondRoot.Length != MerkleHash.Size || !WellFormed(proof))
            return false;
        if (first == second)
            return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        if (proof.Count == 0)
            return false;
        // When the old tree is a complete subtree of the new one, the proof leaves its root out.
        IReadOnlyList<byte[]> path = (first & (first - 1)) == 0 ? [firstRoot.ToArray(), .. proof] : proof;
        long fn = first - 1, sn = second - 1;
        while ((fn & 1) == 1)
            (fn, sn) = (fn >> 1, sn >> 1);
        byte[] fr = path[0], sr = path[0];
        for (var i = 1; i < path.Count; i++)
        {
            if (sn == 0)
                return false;
            var c = path[i];
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHash.NodeHash(c, fr);
                sr = MerkleHash.NodeHash(c, sr);
                while (fn != 0 && (fn & 1) == 0)
                    (fn, sn) = (fn >> 1, sn >> 1);
            }
            else
            {
                sr = MerkleHash.NodeHash(sr, c);
            }
            (fn, sn) = (fn >> 1, sn >> 1);
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }

    private static bool WellFormed([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] IReadOnlyList<byte[]>? proof) =>
        proof is not null && proof.All(p => p is not null && p.Length == MerkleHash.Size);
}
