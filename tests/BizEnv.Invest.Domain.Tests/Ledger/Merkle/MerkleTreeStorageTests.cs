using System.Security.Cryptography;
using BizEnv.Invest.Domain.Ledger.Merkle;

namespace BizEnv.Invest.Domain.Tests.Ledger.Merkle;

/// <summary>The pieces under the proofs: hashing, tree ranges, what an append completes, and the node store.</summary>
public sealed class MerkleTreeStorageTests
{
    [Fact]
    public void Hashing_prefixes_leaves_and_nodes_as_RFC_9162_does()
    {
        byte[] left = SHA256.HashData([1]), right = SHA256.HashData([2]);
        MerkleHash.NodeHash(left, right).ShouldBe(SHA256.HashData([0x01, .. left, .. right]));
        var longEntry = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        foreach (var entry in new[] { longEntry, longEntry[..1], [] })
            MerkleHash.LeafHash(entry).ShouldBe(SHA256.HashData([0x00, .. entry]));
        Should.Throw<ArgumentException>(() => MerkleHash.NodeHash(left[..31], right));
        Should.Throw<ArgumentException>(() => MerkleHash.NodeHash(left, [.. right, 0]));
    }

    [Theory]
    [InlineData(0, 1, "0:0")]
    [InlineData(0, 8, "3:0")]
    [InlineData(0, 7, "2:0 1:2 0:6")]
    [InlineData(4, 7, "1:2 0:6")]
    [InlineData(8, 13, "2:2 0:12")]
    [InlineData(6, 7, "0:6")]
    [InlineData(64, 128, "6:1")]
    public void A_range_is_the_complete_subtrees_of_its_length_s_bits(long start, long end, string subtrees)
    {
        var range = new MerkleRange(start, end);
        (range.Start, range.End).ShouldBe((start, end));
        string.Join(' ', range.Subtrees().Select(n => $"{n.Level}:{n.Index}")).ShouldBe(subtrees);
        range.Subtrees().Sum(n => n.End - n.Start).ShouldBe(end - start);
        range.Subtrees().First().Start.ShouldBe(start);
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(-4, 0)]
    [InlineData(0, 0)]
    [InlineData(3, 3)]
    [InlineData(3, 2)]
    [InlineData(2, 5)]
    [InlineData(4, 9)]
    [InlineData(1, 3)]
    public void A_range_that_is_no_node_of_an_RFC_9162_tree_is_refused(long start, long end) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new MerkleRange(start, end));

    [Fact]
    public void Proofs_outside_the_tree_are_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => MerkleProofs.InclusionRanges(-1, 4)).ParamName.ShouldBe("index");
        Should.Throw<ArgumentOutOfRangeException>(() => MerkleProofs.InclusionRanges(4, 4)).ParamName.ShouldBe("index");
        Should.Throw<ArgumentOutOfRangeException>(() => MerkleProofs.ConsistencyRanges(0, 4)).ParamName.ShouldBe("first");
        Should.Throw<ArgumentOutOfRangeException>(() => MerkleProofs.ConsistencyRanges(5, 4)).ParamName.ShouldBe("first");
        Should.Throw<ArgumentOutOfRangeException>(() => MerkleRoot.ReadAsync(new InMemoryMerkleNodeStore(), -1).AsTask());
        Should.Throw<ArgumentOutOfRangeException>(() => MerkleAppender.ResumeAsync(new InMemoryMerkleNodeStore(), -1).AsTask());
        MerkleProofs.InclusionRanges(0, 1).ShouldBeEmpty();
        MerkleProofs.ConsistencyRanges(4, 4).ShouldBeEmpty();
    }

    [Fact]
    public void Each_append_completes_the_leaf_and_one_node_per_pair_it_closes()
    {
        var appender = new MerkleAppender();
        for (long index = 0; index < 40; index++)
        {
            var completed = new List<MerkleNode>();
            appender.Append(MerkleHash.LeafHash([(byte)index]), completed);
            completed.Select(n => n.Id).ShouldBe(Enumerable.Range(0, System.Numerics.BitOperations.TrailingZeroCount(~index) + 1)
                .Select(level => new MerkleNodeId(level, index >> level)));
            completed.ShouldAllBe(n => n.Id.End == index + 1);
            appender.Size.ShouldBe(index + 1);
        }
    }

    [Fact]
    public async Task The_appender_refuses_what_is_not_a_tree_s_edge_or_a_leaf_hash()
    {
        Should.Throw<ArgumentException>(() => new MerkleAppender(3, [new byte[32]]));
        Should.Throw<ArgumentException>(() => new MerkleAppender(4, [new byte[32], new byte[32]]));
        Should.Throw<ArgumentOutOfRangeException>(() => new MerkleAppender(-1, []));
        Should.Throw<ArgumentException>(() => new MerkleAppender().Append([new byte[31]]));
        (await MerkleAppender.ResumeAsync(new InMemoryMerkleNodeStore(), 0)).Root().ShouldBe(MerkleHash.EmptyRoot);
    }

    [Fact]
    public async Task The_store_keeps_each_level_in_order_and_knows_what_it_lacks()
    {
        var store = new InMemoryMerkleNodeStore();
        var hashes = Enumerable.Range(0, 70_000).Select(i => SHA256.HashData(BitConverter.GetBytes(i))).ToArray();
        store.Add(hashes.Select((h, i) => new MerkleNode(new MerkleNodeId(0, i), h)));
        store.Count(0).ShouldBe(70_000);
        store.Count(1).ShouldBe(0);
        store.Count(-1).ShouldBe(0);
        (await store.GetAsync([new(0, 69_999), new(0, 0), new(0, 32_768)])).ShouldBe([hashes[69_999], hashes[0], hashes[32_768]]);
        Should.Throw<InvalidOperationException>(() => store.Add(new MerkleNode(new MerkleNodeId(0, 70_001), hashes[0])));
        Should.Throw<InvalidOperationException>(() => store.Add(new MerkleNode(new MerkleNodeId(1, 1), hashes[0])));
        Should.Throw<ArgumentException>(() => store.Add(new MerkleNode(new MerkleNodeId(1, 0), hashes[0][..31])));
        Should.Throw<KeyNotFoundException>(() => store.GetAsync([new(0, 70_000)]).AsTask());
        Should.Throw<KeyNotFoundException>(() => store.GetAsync([new(0, -1)]).AsTask());
        Should.Throw<KeyNotFoundException>(() => store.GetAsync([new(2, 0)]).AsTask());
        store.Add(new MerkleNode(new MerkleNodeId(2, 0), hashes[1]));
        (await store.GetAsync([new(2, 0)])).ShouldBe([hashes[1]]);
    }

    [Fact]
    public async Task A_source_that_answers_with_the_wrong_number_of_hashes_is_caught()
    {
        var source = new ShortSource();
        await Should.ThrowAsync<InvalidOperationException>(() => MerkleRoot.ReadAsync(source, 3).AsTask());
    }

    private sealed class ShortSource : IMerkleNodeSource
    {
        public ValueTask<byte[][]> GetAsync(IReadOnlyList<MerkleNodeId> nodes, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(nodes.Skip(1).Select(_ => new byte[MerkleHash.Size]).ToArray());
    }
}
