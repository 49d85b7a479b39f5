using BizEnv.Invest.Domain.Ledger.Merkle;

namespace BizEnv.Invest.Domain.Tests.Ledger.Merkle;

/// <summary>
/// Published RFC 6962 / 9162 test vectors (data only): the eight leaf inputs and the hashes of every complete
/// subtree and tree head over them, from transparency-dev/merkle testonly/constants.go (LeafInputs, NodeHashes,
/// RootHashes), first published in google/certificate-transparency's merkle_tree_test.cc. The proofs of leaf 0 and 5
/// in 8 and from 2 and 6 to 8 are the CT tests' own; the others are put together by hand from the published node
/// hashes per §2.1.3.1 and §2.1.4.1. They pin the hashing to the standard: a tree that only agrees with itself could
/// still disagree with every other log.
/// </summary>
public sealed class MerkleKnownAnswerTests
{
    private static readonly byte[][] Inputs = Hex("", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    private static readonly string[][] NodeHashes =
    [
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7", "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f", "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
        ],
        [
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        ],
        ["d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
        ["5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"],
    ];

    private static readonly string[] RootHashes =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    private readonly MerkleTestTree tree = MerkleTestTree.Of(Inputs);

    [Fact]
    public async Task Every_stored_complete_subtree_is_the_published_node_hash()
    {
        for (var level = 0; level < NodeHashes.Length; level++)
        {
            tree.Store.Count(level).ShouldBe(NodeHashes[level].Length);
            var ids = Enumerable.Range(0, NodeHashes[level].Length).Select(i => new MerkleNodeId(level, i)).ToList();
            (await tree.Store.GetAsync(ids)).Select(Convert.ToHexStringLower).ShouldBe(NodeHashes[level]);
        }
    }

    [Fact]
    public async Task The_tree_head_of_every_size_is_the_published_root()
    {
        MerkleHash.EmptyRoot.ShouldBe(Convert.FromHexString(RootHashes[0]));
        var appender = new MerkleAppender();
        for (var size = 0; size < RootHashes.Length; size++)
        {
            Convert.ToHexStringLower(await MerkleRoot.ReadAsync(tree.Store, size)).ShouldBe(RootHashes[size]);
            Convert.ToHexStringLower(appender.Root()).ShouldBe(RootHashes[size]);
            if (size < Inputs.Length)
                appender.Append([MerkleHash.LeafHash(Inputs[size])]);
        }
    }

    [Theory]
    [InlineData(0, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]
    [InlineData(5, 8, "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [InlineData(2, 3, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")]
    [InlineData(1, 5, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")]
    public async Task Inclusion_proofs_are_the_published_ones_and_verify(int index, int size, params string[] proof)
    {
        (await MerkleProofs.InclusionProofAsync(tree.Store, index, size)).Select(Convert.ToHexStringLower).ShouldBe(proof);
        MerkleVerifier.VerifyInclusion(index, size, MerkleHash.LeafHash(Inputs[index]), Hex(proof), Convert.FromHexString(RootHashes[size])).ShouldBeTrue();
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]
    [InlineData(2, 8, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]
    [InlineData(6, 8, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [InlineData(2, 5, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")]
    public async Task Consistency_proofs_are_the_published_ones_and_verify(int first, int second, params string[] proof)
    {
        (await MerkleProofs.ConsistencyProofAsync(tree.Store, first, second)).Select(Convert.ToHexStringLower).ShouldBe(proof);
        MerkleVerifier.VerifyConsistency(first, second, Convert.FromHexString(RootHashes[first]), Convert.FromHexString(RootHashes[second]), Hex(proof)).ShouldBeTrue();
    }

    private static byte[][] Hex(params string[] hex) => [.. hex.Select(Convert.FromHexString)];
}
