using System.Text;
using BizEnv.Invest.Domain.Ledger.Merkle;

namespace BizEnv.Invest.Domain.Tests.Ledger.Merkle;

/// <summary>Entries, their tree in a store as the appender fills it, and the naive reference over the same entries.</summary>
internal sealed class MerkleTestTree
{
    private MerkleTestTree(byte[][] entries)
    {
        Entries = entries;
        Appender = new MerkleAppender();
        Store.Add(Appender.Append(entries.Select(e => MerkleHash.LeafHash(e))));
    }

    public byte[][] Entries { get; }

    public InMemoryMerkleNodeStore Store { get; } = new();

    public MerkleAppender Appender { get; }

    public static MerkleTestTree Of(IEnumerable<byte[]> entries) => new([.. entries]);

    /// <summary><paramref name="size"/> entries of varied lengths, as canonical ledger entries are.</summary>
    public static MerkleTestTree WithSize(int size) => Of(Enumerable.Range(0, size).Select(i => Encoding.UTF8.GetBytes($"entry {i} {new string('x', i % 7)}")));

    public byte[] LeafHash(int index) => MerkleHash.LeafHash(Entries[index]);

    public ArraySegment<byte[]> First(int size) => new(Entries, 0, size);

    public byte[] Root(int size) => MerkleRoot.ReadAsync(Store, size).AsTask().GetAwaiter().GetResult();

    public byte[][] Inclusion(int index, int size) => MerkleProofs.InclusionProofAsync(Store, index, size).AsTask().GetAwaiter().GetResult();

    public byte[][] Consistency(int first, int second) => MerkleProofs.ConsistencyProofAsync(Store, first, second).AsTask().GetAwaiter().GetResult();
}

internal static class MerkleAssertions
{
    /// <summary>Compares hash lists as hex, so a failure shows which hash differs.</summary>
    public static void ShouldBeHashes(this IEnumerable<byte[]> actual, IEnumerable<byte[]> expected, string message) =>
        actual.Select(Convert.ToHexStringLower).ShouldBe(expected.Select(Convert.ToHexStringLower), message);
}
