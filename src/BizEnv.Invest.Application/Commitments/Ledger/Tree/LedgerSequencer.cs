using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using BizEnv.Invest.Application.Commitments.VerifyLedger;
using BizEnv.Invest.Domain.Ledger.Merkle;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Ledger.Tree;

/// <summary>
/// Sequences the writers' queued entries and integrates them into the Merkle tree, one sequencer at a time in the
/// cluster: a transaction-scoped advisory lock (writers take no lock at all: they only queue), then the committed
/// queued entries moved into the ledger in queue order with their seqs and hash chain (<see cref="LedgerQueue"/>), the
/// entries after the tree's size read in order, their leaves appended to the tree resumed from the store, and the new
/// nodes and head stored in the same transaction — a failed batch leaves every entry queued and nothing half-sealed.
/// Each batch is sealed with a signed checkpoint in that transaction too (RFC 9162's signed tree head per batch), when
/// a signer is given — only if the tree extends the last checkpoint (<see cref="CheckpointWriter.SealAsync"/>).
/// Existing ledgers (old databases, demo data) are integrated by the same loop at start-up.
/// </summary>
public sealed class LedgerSequencer(NpgsqlDataSource dataSource, ILogger<LedgerSequencer> log, ICheckpointSigner? signer = null, TimeProvider? clock = null)
{
    private const long LockKey = 0x4D_45_52_4B_4C_45; // "MERKLE"

    /// <summary>Entries per transaction: small enough that a backlog of millions commits steadily, large enough to be cheap per entry.</summary>
    public const int BatchSize = 10_000;

    /// <summary>
    /// Background tick: sequences and integrates everything queued and committed, a batch per transaction, unless another node holds the
    /// lock (it is doing the same). Returns the head, or null when another node had the lock.
    /// </summary>
    public async Task<TreeHead?> IntegrateAllAsync(CancellationToken ct)
    {
        while (true)
        {
            await using var cn = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await cn.BeginTransactionAsync(ct);
            if (!await cn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_xact_lock(@LockKey)", new { LockKey }, tx, cancellationToken: ct)))
                return null;
            var moved = await LedgerQueue.MoveAsync(cn, tx, BatchSize, ct);
            var (head, integrated) = await IntegrateBatchAsync(cn, tx, ct);
            if (integrated > 0 && signer is not null
                && await CheckpointWriter.SealAsync(cn, tx, signer, head, (clock ?? TimeProvider.System).GetUtcNow(), ct) is null)
                log.LogError("The Merkle tree of {Size} entries does not extend the last signed checkpoint: no checkpoint is signed until the ledger is repaired (run the ledger check)", head.Size);
            await tx.CommitAsync(ct);
            if (moved < BatchSize && integrated < BatchSize)
                return head;
        }
    }

    /// <summary>
    /// On demand, in the caller's transaction (before a checkpoint): waits for the lock, sequences and integrates
    /// everything committed and queued, and returns the head the caller's checkpoint seals (one checkpoint, however many batches).
    /// </summary>
    public async Task<TreeHead> IntegrateInAsync(NpgsqlConnection cn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await cn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, tx, cancellationToken: ct));
        while (true)
        {
            var moved = await LedgerQueue.MoveAsync(cn, tx, BatchSize, ct);
            var (head, integrated) = await IntegrateBatchAsync(cn, tx, ct);
            if (moved < BatchSize && integrated < BatchSize)
                return head;
        }
    }

    private async Task<(TreeHead Head, int Integrated)> IntegrateBatchAsync(NpgsqlConnection cn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var head = await TreeHead.ReadAsync(cn, tx, ct);
        var nodes = new MerkleNodeTable(cn, tx);
        var tree = await MerkleAppender.ResumeAsync(nodes, head.Size, ct);
        var prev = head.Size == 0 ? Domain.Commitments.LedgerHash.Genesis : await cn.ExecuteScalarAsync<byte[]>(new CommandDefinition(
            "SELECT hash FROM commitment_ledger WHERE seq = @Size", head, tx, cancellationToken: ct));
        var completed = new List<MerkleNode>();
        var integrated = 0;
        await foreach (var row in LedgerScan.StreamAsync(cn, head.Size, BatchSize, ct))
        {
            // Seal only what chains: a gap or a rewritten entry stays out of the tree for the verifier to name.
            var problem = prev is null ? "missing" : row.ChainProblem(tree.Size + 1, prev);
            if (problem is not null)
            {
                log.LogError("Ledger entry {Seq} does not chain ({Problem}); the Merkle tree stops at {Size} until the ledger is repaired", row.Seq, problem, tree.Size);
                break;
            }
            tree.Append(row.LeafHash, completed);
            prev = row.Hash;
            integrated++;
        }
        if (integrated == 0)
            return (head, 0);
        await nodes.AddAsync(completed, ct);
        var next = new TreeHead(tree.Size, tree.Root());
        await cn.ExecuteAsync(new CommandDefinition("INSERT INTO ledger_tree_heads (size, root, at) VALUES (@Size, @Root, now())", next, tx, cancellationToken: ct));
        return (next, integrated);
    }
}
