using BizEnv.Invest.Domain.Ledger.Merkle;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Ledger.Tree;

/// <summary>
/// The stored complete subtrees (ledger_tree_nodes) on one connection, inside its transaction when given.
/// Reads take all the nodes a proof or a root needs in one query — the (level, idx) pairs go as two arrays,
/// unnested WITH ORDINALITY so the hashes come back in the order asked — and writes take a batch in one INSERT.
/// </summary>
public sealed class MerkleNodeTable(NpgsqlConnection cn, NpgsqlTransaction? tx) : IMerkleNodeSource
{
    public async ValueTask<byte[][]> GetAsync(IReadOnlyList<MerkleNodeId> nodes, CancellationToken cancellationToken = default)
    {
        var levels = nodes.Select(n => (short)n.Level).ToArray();
        var idxs = nodes.Select(n => n.Index).ToArray();
        var hashes = (await cn.QueryAsync<byte[]?>(new CommandDefinition("""
            SELECT n.hash FROM unnest(@levels, @idxs) WITH ORDINALITY AS q (level, idx, ord)
            LEFT JOIN ledger_tree_nodes n ON n.level = q.level AND n.idx = q.idx ORDER BY q.ord
            """, new { levels, idxs }, tx, cancellationToken: cancellationToken))).ToArray();
        for (var i = 0; i < hashes.Length; i++)
            if (hashes[i] is null)
                throw new KeyNotFoundException($"No Merkle node ({levels[i]}, {idxs[i]}) has been stored.");
        return hashes!;
    }

    public async Task AddAsync(IReadOnlyList<MerkleNode> nodes, CancellationToken ct)
    {
        if (nodes.Count == 0)
            return;
        var levels = nodes.Select(n => (short)n.Id.Level).ToArray();
        var idxs = nodes.Select(n => n.Id.Index).ToArray();
        var hashes = nodes.Select(n => n.Hash).ToArray();
        await cn.ExecuteAsync(new CommandDefinition("INSERT INTO ledger_tree_nodes (level, idx, hash) SELECT * FROM unnest(@levels, @idxs, @hashes)",
            new { levels, idxs, hashes }, tx, cancellationToken: ct));
    }
}

/// <summary>What the tree had sealed at one time: its size (entries 1…Size) and its root.</summary>
public sealed record TreeHead(long Size, byte[] Root)
{
    public static readonly TreeHead Empty = new(0, MerkleHash.EmptyRoot);

    /// <summary>The newest head (the empty tree before the first integration).</summary>
    public static async Task<TreeHead> ReadAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, CancellationToken ct) =>
        await cn.QuerySingleOrDefaultAsync<TreeHead>(new CommandDefinition(
            "SELECT size, root FROM ledger_tree_heads ORDER BY size DESC LIMIT 1", transaction: tx, cancellationToken: ct)) ?? Empty;
}
