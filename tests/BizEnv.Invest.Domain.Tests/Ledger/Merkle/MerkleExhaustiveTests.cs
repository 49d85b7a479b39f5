using BizEnv.Invest.Domain.Ledger.Merkle;

namespace BizEnv.Invest.Domain.Tests.Ledger.Merkle;

/// <summary>
/// Every tree size 1…64 and every pair of sizes, against the naive recursion over the same entries: all the
/// shapes an RFC 9162 tree takes below 64 leaves (ragged right edges of every depth), from one store —
/// nodes never change once complete, so a tree of 64 serves the proofs of every smaller size.
/// </summary>
public sealed class MerkleExhaustiveTests
{
    private const int Max = 64;
    private static readonly MerkleTestTree Tree = MerkleTestTree.WithSize(Max);

    [Fact]
    public void The_root_of_every_size_is_the_naive_one()
    {
        for (var size = 0; size <= Max; size++)
            Tree.Root(size).ShouldBe(NaiveMerkle.Mth(Tree.First(size)), $"size {size}");
    }

    [Fact]
    public void The_appender_s_root_after_every_append_is_the_naive_one()
    {
        var appender = new MerkleAppender();
        for (var size = 1; size <= Max; size++)
        {
            appender.Append([Tree.LeafHash(size - 1)]);
            appender.Root().ShouldBe(NaiveMerkle.Mth(Tree.First(size)), $"size {size}");
        }
    }

    [Fact]
    public void Every_inclusion_proof_is_the_naive_path_and_verifies()
    {
        for (var size = 1; size <= Max; size++)
        {
            var root = Tree.Root(size);
            for (var index = 0; index < size; index++)
            {
                var proof = Tree.Inclusion(index, size);
                proof.ShouldBeHashes(NaiveMerkle.Path(index, Tree.First(size)), $"leaf {index} of {size}");
                MerkleVerifier.VerifyInclusion(index, size, Tree.LeafHash(index), proof, root).ShouldBeTrue($"leaf {index} of {size}");
            }
        }
    }

    [Fact]
    public void Every_consistency_proof_is_the_naive_one_and_verifies()
    {
        for (var second = 1; second <= Max; second++)
        {
            for (var first = 1; first <= second; first++)
            {
                var proof = Tree.Consistency(first, second);
                proof.ShouldBeHashes(NaiveMerkle.Proof(first, Tree.First(second)), $"{first} → {second}");
                MerkleVerifier.VerifyConsistency(first, second, Tree.Root(first), Tree.Root(second), proof).ShouldBeTrue($"{first} → {second}");
            }
        }
    }

    [Fact]
    public void A_proof_reads_its_nodes_in_one_batch_of_at_most_two_per_level_and_an_empty_one_reads_nothing()
    {
        var source = new CountingSource(Tree.Store);
        for (var size = 1; size <= Max; size++)
        {
            var levels = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)size - 1);
            for (var index = 0; index < size; index++)
                AssertOneBatch(source, () => MerkleProofs.InclusionProofAsync(source, index, size), 2 * levels);
            for (var first = 1; first <= size; first++)
                AssertOneBatch(source, () => MerkleProofs.ConsistencyProofAsync(source, first, size), 2 * levels);
        }
    }

    private static void AssertOneBatch(CountingSource source, Func<ValueTask<byte[][]>> proof, int maxNodes)
    {
        (source.Calls, source.Nodes) = (0, 0);
        _ = proof().AsTask().GetAwaiter().GetResult();
        source.Calls.ShouldBe(source.Nodes == 0 ? 0 : 1);
        source.Nodes.ShouldBeLessThanOrEqualTo(maxNodes);
    }

    private sealed class CountingSource(IMerkleNodeSource inner) : IMerkleNodeSource
    {
        public int Calls { get; set; }

        public int Nodes { get; set; }

        public ValueTask<byte[][]> GetAsync(IReadOnlyList<MerkleNodeId> nodes, CancellationToken cancellationToken = default)
        {
            Calls++;
            Nodes += nodes.Count;
            return inner.GetAsync(nodes, cancellationToken);
        }
    }
}
