using BizEnv.Invest.Domain.Ledger.Merkle;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Ledger.Tree;

/// <summary>
/// The stored nodes of the first <c>size</c> leaves, streamed on a connection of their own in the order a
/// <see cref="MerkleAppender"/> completes them (by the leaf that completes them, then lowest level first), so
/// the verifier compares each recomputed node with its stored twin as it goes, in constant memory. That order is an
/// index's (migration 0033), not a sort of the whole tree.
/// </summary>
public sealed class StoredTreeNodes : IAsyncDisposable
{
    private readonly NpgsqlConnection cn;
    private readonly NpgsqlBinaryExporter reader;
    private readonly long size;
    private bool done;

    private StoredTreeNodes(NpgsqlConnection cn, NpgsqlBinaryExporter reader, long size) => (this.cn, this.reader, this.size) = (cn, reader, size);

    public static async Task<StoredTreeNodes> OpenAsync(NpgsqlDataSource dataSource, long size, CancellationToken ct)
    {
        var cn = await dataSource.OpenConnectionAsync(ct);
        await using (var settings = new NpgsqlCommand(LedgerScan.StreamingSettings, cn))
            await settings.ExecuteNonQueryAsync(ct);
        var reader = await cn.BeginBinaryExportAsync($"""
            COPY (SELECT hash FROM ledger_tree_nodes WHERE (idx + 1) << level <= {size} ORDER BY (idx + 1) << level, level) TO STDOUT (FORMAT BINARY)
            """, ct);
        return new StoredTreeNodes(cn, reader, size);
    }

    /// <summary>The first of <paramref name="recomputed"/> (within the sealed size) whose stored twin is missing or differs, or null.</summary>
    public async Task<MerkleNodeId?> FirstMismatchAsync(List<MerkleNode> recomputed, CancellationToken ct)
    {
        foreach (var node in recomputed)
        {
            if (node.Id.End > size)
                return null; // nodes complete in order of their end: the rest lie beyond the sealed tree too
            if (done || await reader.StartRowAsync(ct) == -1)
            {
                done = true;
                return node.Id;
            }
            // Only the hash is read: a stored node missing (or one too many) shifts the stream, so the hash at this
            // position is another node's, and this node is named all the same.
            if (!(await reader.ReadAsync<byte[]>(ct)).AsSpan().SequenceEqual(node.Hash))
                return node.Id;
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        // An intact check has read every stored node but not the end of the COPY: read it, so a finished COPY is never
        // cancelled (disposing Npgsql's exporter after cancelling one that had already ended can throw).
        if (!done && await reader.StartRowAsync() != -1)
            await reader.CancelAsync();
        await reader.DisposeAsync();
        await cn.DisposeAsync();
    }
}
