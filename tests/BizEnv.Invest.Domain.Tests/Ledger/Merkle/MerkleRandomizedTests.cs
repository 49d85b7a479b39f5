using BizEnv.Invest.Domain.Ledger.Merkle;

namespace BizEnv.Invest.Domain.Tests.Ledger.Merkle;

/// <summary>
/// Trees up to 100,000 leaves: powers of two and their neighbours, where the right edge changes shape, and
/// random sizes; random leaves and old sizes in each. The naive recursion rebuilds the whole tree per proof,
/// so it checks one proof of each kind per size and the verifier checks many more against the naive root.
/// </summary>
public sealed class MerkleRandomizedTests
{
    private const int Max = 100_000;
    private static readonly MerkleTestTree Tree = MerkleTestTree.WithSize(Max);

    public static TheoryData<int> Sizes() => [Max, 65_536, 65_537, 4_097, 1_000, .. new Random(13).GetItems(Enumerable.Range(65, Max - 65).ToArray(), 2)];

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Roots_and_proofs_of_a_large_tree_are_the_naive_ones_and_verify(int size)
    {
        var random = new Random(size);
        var root = NaiveMerkle.Mth(Tree.First(size));
        Tree.Root(size).ShouldBe(root);
        var (leaf, old) = (random.Next(size), random.Next(1, size + 1));
        Tree.Inclusion(leaf, size).ShouldBeHashes(NaiveMerkle.Path(leaf, Tree.First(size)), $"leaf {leaf} of {size}");
        Tree.Consistency(old, size).ShouldBeHashes(NaiveMerkle.Proof(old, Tree.First(size)), $"{old} → {size}");
        for (var sample = 0; sample < 200; sample++)
        {
            var index = random.Next(size);
            MerkleVerifier.VerifyInclusion(index, size, Tree.LeafHash(index), Tree.Inclusion(index, size), root).ShouldBeTrue($"leaf {index} of {size}");
            var first = random.Next(1, size + 1);
            MerkleVerifier.VerifyConsistency(first, size, Tree.Root(first), root, Tree.Consistency(first, size)).ShouldBeTrue($"{first} → {size}");
        }
    }

    [Fact]
    public async Task A_tree_resumed_from_its_store_goes_on_as_if_never_stopped()
    {
        var size = new Random(7).Next(1, Max / 2);
        var resumed = await MerkleAppender.ResumeAsync(Tree.Store, size);
        resumed.Root().ShouldBe(Tree.Root(size));
        var store = new InMemoryMerkleNodeStore();
        store.Add(new MerkleAppender().Append(Enumerable.Range(0, size).Select(Tree.LeafHash)));
        store.Add(resumed.Append(Enumerable.Range(size, Max - size).Select(Tree.LeafHash)));
        resumed.Size.ShouldBe(Max);
        resumed.Root().ShouldBe(Tree.Appender.Root());
        (await MerkleRoot.ReadAsync(store, Max)).ShouldBe(Tree.Appender.Root());
    }
}
