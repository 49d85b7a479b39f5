using BizEnv.Invest.Domain.Ledger.Merkle;

namespace BizEnv.Invest.Domain.Tests.Ledger.Merkle;

/// <summary>
/// What a verifier must refuse, for every proof of every size up to 32: any hash changed, the wrong leaf, the
/// wrong place, the wrong sizes (each with its own true root, as a signed tree head would give), a proof cut
/// short or run on, and malformed input — always false, never an exception.
/// </summary>
public sealed class MerkleVerifierTests
{
    private const int Max = 32;
    private static readonly MerkleTestTree Tree = MerkleTestTree.WithSize(Max + 1);
    private static readonly byte[] Stray = Enumerable.Repeat((byte)0xab, MerkleHash.Size).ToArray();

    [Fact]
    public void A_changed_inclusion_proof_leaf_place_or_size_fails()
    {
        for (var size = 1; size <= Max; size++)
        {
            for (var index = 0; index < size; index++)
            {
                var proof = Tree.Inclusion(index, size);
                bool Verify(long i, long n, byte[] leaf, byte[][] p) => MerkleVerifier.VerifyInclusion(i, n, leaf, p, Tree.Root((int)n));
                Verify(index, size, Tree.LeafHash(index), proof).ShouldBeTrue();
                foreach (var tampered in Tampered(proof))
                    Verify(index, size, Tree.LeafHash(index), tampered).ShouldBeFalse($"leaf {index} of {size}, tampered");
                Verify(index, size, Tree.LeafHash((index + 1) % (Max + 1)), proof).ShouldBeFalse($"leaf {index} of {size}, wrong leaf");
                for (var other = 0; other < size; other++)
                    if (other != index)
                        Verify(other, size, Tree.LeafHash(index), proof).ShouldBeFalse($"leaf {index} of {size} at {other}");
                if (index < size - 1)
                    Verify(index, size - 1, Tree.LeafHash(index), proof).ShouldBeFalse($"leaf {index} of {size} as of {size - 1}");
                Verify(index, size + 1, Tree.LeafHash(index), proof).ShouldBeFalse($"leaf {index} of {size} as of {size + 1}");
            }
        }
    }

    [Fact]
    public void A_changed_consistency_proof_or_sizes_fail()
    {
        for (var second = 1; second <= Max; second++)
        {
            for (var first = 1; first <= second; first++)
            {
                var proof = Tree.Consistency(first, second);
                bool Verify(long m, long n, byte[][] p) => MerkleVerifier.VerifyConsistency(m, n, Tree.Root((int)m), Tree.Root((int)n), p);
                Verify(first, second, proof).ShouldBeTrue();
                foreach (var tampered in Tampered(proof))
                    Verify(first, second, tampered).ShouldBeFalse($"{first} → {second}, tampered");
                if (first > 1)
                    Verify(first - 1, second, proof).ShouldBeFalse($"{first} → {second} as from {first - 1}");
                if (first < second)
                {
                    Verify(first + 1, second, proof).ShouldBeFalse($"{first} → {second} as from {first + 1}");
                    Verify(first, second - 1, proof).ShouldBeFalse($"{first} → {second} as to {second - 1}");
                    MerkleVerifier.VerifyConsistency(first, second, Tree.Root(first + 1), Tree.Root(second), proof).ShouldBeFalse($"{first} → {second}, another old root");
                    MerkleVerifier.VerifyConsistency(first, second, Tree.Root(first), Tree.Root(second + 1), proof).ShouldBeFalse($"{first} → {second}, another new root");
                }
                Verify(first, second + 1, proof).ShouldBeFalse($"{first} → {second} as to {second + 1}");
                if (first < second)
                    Verify(second, first, proof).ShouldBeFalse($"{first} → {second} backwards");
            }
        }
    }

    [Fact]
    public void Sizes_out_of_range_fail()
    {
        var root = Tree.Root(4);
        MerkleVerifier.VerifyInclusion(4, 4, Tree.LeafHash(0), Tree.Inclusion(0, 4), root).ShouldBeFalse();
        MerkleVerifier.VerifyInclusion(-1, 4, Tree.LeafHash(0), Tree.Inclusion(0, 4), root).ShouldBeFalse();
        MerkleVerifier.VerifyInclusion(0, 0, Tree.LeafHash(0), [], MerkleHash.EmptyRoot).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(0, 4, MerkleHash.EmptyRoot, root, []).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(0, 0, MerkleHash.EmptyRoot, MerkleHash.EmptyRoot, []).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(-1, 4, MerkleHash.EmptyRoot, root, []).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(5, 4, Tree.Root(5), root, Tree.Consistency(4, 5)).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(4, 4, root, Tree.Root(5), []).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(4, 4, root, root, [Stray]).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(3, 4, Tree.Root(3), root, []).ShouldBeFalse();
    }

    [Fact]
    public void Malformed_input_fails_without_throwing()
    {
        var (root, proof, leaf) = (Tree.Root(5), Tree.Inclusion(2, 5), Tree.LeafHash(2));
        MerkleVerifier.VerifyInclusion(2, 5, leaf, null, root).ShouldBeFalse();
        MerkleVerifier.VerifyInclusion(2, 5, leaf, [null!, .. proof[1..]], root).ShouldBeFalse();
        MerkleVerifier.VerifyInclusion(2, 5, leaf, [proof[0][..31], .. proof[1..]], root).ShouldBeFalse();
        MerkleVerifier.VerifyInclusion(2, 5, leaf, [[.. proof[0], 0], .. proof[1..]], root).ShouldBeFalse();
        MerkleVerifier.VerifyInclusion(2, 5, leaf[..31], proof, root).ShouldBeFalse();
        MerkleVerifier.VerifyInclusion(2, 5, leaf, proof, root[..31]).ShouldBeFalse();
        MerkleVerifier.VerifyInclusion(2, 5, leaf, [.. proof, .. Enumerable.Repeat(Stray, 70)], root).ShouldBeFalse();

        var (first, consistency) = (Tree.Root(3), Tree.Consistency(3, 5));
        MerkleVerifier.VerifyConsistency(3, 5, first, root, consistency).ShouldBeTrue();
        MerkleVerifier.VerifyConsistency(3, 5, first, root, null).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(3, 5, first, root, [null!, .. consistency[1..]]).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(3, 5, first, root, [consistency[0][..31], .. consistency[1..]]).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(3, 5, first[..31], root, consistency).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(3, 5, first, root[..31], consistency).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(3, 3, first[..31], first[..31], []).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(3, 5, first, root, [.. consistency, .. Enumerable.Repeat(Stray, 70)]).ShouldBeFalse();
        MerkleVerifier.VerifyConsistency(long.MaxValue, long.MaxValue, first, first, []).ShouldBeTrue();
        MerkleVerifier.VerifyInclusion(long.MaxValue - 1, long.MaxValue, leaf, proof, root).ShouldBeFalse();
    }

    /// <summary>Each hash with one bit flipped, the proof without its last hash, and with one hash too many.</summary>
    private static IEnumerable<byte[][]> Tampered(byte[][] proof)
    {
        for (var i = 0; i < proof.Length; i++)
        {
            var copy = proof.Select(p => p.ToArray()).ToArray();
            copy[i][i % MerkleHash.Size] ^= 0x01;
            yield return copy;
        }
        if (proof.Length > 0)
            yield return proof[..^1];
        yield return [.. proof, Stray];
        yield return [Stray, .. proof];
    }
}
