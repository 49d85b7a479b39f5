using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Commitments.Ledger.Tree;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Ledger.Merkle;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Ledger;

/// <summary>
/// Checks the ledger without trusting its tail. One streaming read of the entries (a million in a few seconds)
/// recomputes both the hash chain and the Merkle tree: each entry must chain to the one before, each tree node
/// it completes must equal the stored one, and at the latest checkpoint's size the tree's root and the chain's
/// head must be the ones the checkpoint sealed — so a ledger cut short, reordered, or rewritten and re-chained
/// after it was sealed is caught, not only a broken link. The latest checkpoint's signed note must verify with the
/// published key and state the size and root the row holds. The checkpoint checked against is the latest one a
/// registered witness cosigned (<see cref="Result.Witnesses"/> of them), or the latest when none is witnessed. The
/// first problem is named.
/// </summary>
public sealed class LedgerVerifier(NpgsqlDataSource dataSource, ICheckpointSigner signer)
{
    /// <summary>
    /// The outcome. <see cref="Entries"/> is the ledger's size (also when it is broken); <see cref="Problem"/> is the technical
    /// detail (for the CLI and logs), <see cref="ProblemCode"/> the kind shown in words with <see cref="ProblemArgs"/>,
    /// <see cref="BrokenCommitmentId"/> and <see cref="BrokenEvent"/> what the first broken entry says it records, <see cref="HeadHash"/>
    /// the last good hash; <see cref="TreeSize"/> and <see cref="TreeRoot"/> the tree the sequencer had sealed when the check began;
    /// <see cref="Seal"/> how the anchoring checkpoint is signed ("verified", "legacy" for an HMAC one, null without one); <see cref="Witnesses"/>
/// how many registered witnesses' cosignatures on it verify (0: the latest checkpoint, unwitnessed, is the anchor).
    /// </summary>
    public sealed record Result(bool Intact, long Entries, long? FirstBrokenSeq, string? Problem, byte[] HeadHash, string? ProblemCode = null,
        Guid? BrokenCommitmentId = null, string? BrokenEvent = null, long? ExpectedSeq = null, object[]? ProblemArgs = null, long TreeSize = 0, byte[]? TreeRoot = null,
        string? Seal = null, int Witnesses = 0);

    /// <summary>A checkpoint as stored; <see cref="TreeRoot"/> is null for those written before the tree, <see cref="Note"/> for HMAC-signed ones.</summary>
    private sealed record Checkpoint(long Id, long Size, byte[] HeadHash, byte[]? TreeRoot, DateTime At, string? Note)
    {
        public DateTimeOffset Signed => new(DateTime.SpecifyKind(At, DateTimeKind.Utc));

        /// <summary>Null when the note is signed by the published key and says what the row says; else why not.</summary>
        public string? NoteProblem(ICheckpointSigner signer) => CheckpointNote.Parse(Note!) switch
        {
            null => "its note is malformed",
            { } n when !n.VerifiedBy(signer) => $"its signature does not verify with the published {signer.Algorithm} key {signer.KeyId}",
            { } n when n.Size != Size || TreeRoot is null || !n.Root.AsSpan().SequenceEqual(TreeRoot) => "its note states another size or root than the row",
            _ => null,
        };
    }

    private const string CheckpointColumns = "id, size, head_hash AS headhash, tree_root AS treeroot, at, note";

    /// <summary>
    /// The newest signed checkpoint with at least one cosignature that verifies with a registered witness's key over its
    /// note (re-checked here: a row in the table is not a signature), and how many such cosignatures it has; null when none.
    /// </summary>
    private static async Task<(Checkpoint, int)?> WitnessedCheckpointAsync(NpgsqlConnection cn, CancellationToken ct)
    {
        var candidates = await cn.QueryAsync<Checkpoint>(new CommandDefinition($"""
            SELECT {CheckpointColumns} FROM ledger_checkpoints k
            WHERE note IS NOT NULL AND EXISTS (SELECT 1 FROM ledger_cosignatures c WHERE c.checkpoint_id = k.id) ORDER BY id DESC LIMIT 10
            """, cancellationToken: ct));
        var lines = await Witnesses.CheckpointWitnesses.ReadAsync(cn, null, [.. candidates.Select(c => c.Id)], ct);
        foreach (var c in candidates)
        {
            var good = Witnesses.CheckpointWitnesses.Verified(c.Note, lines[c.Id]).Count;
            if (good > 0)
                return (c, good);
        }
        return null;
    }

    public async Task<Result> VerifyAsync(CancellationToken ct = default)
    {
        await using var cn = await dataSource.OpenConnectionAsync(ct);
        // What had been sealed, read before the entries: nothing sealed later is held against them.
        var tree = await TreeHead.ReadAsync(cn, null, ct);
        // The anchor: the latest checkpoint a registered witness cosigned (it vouched nobody was shown another history), else the latest.
        var (checkpoint, witnesses) = await WitnessedCheckpointAsync(cn, ct) is { } witnessed ? witnessed
            : (await cn.QuerySingleOrDefaultAsync<Checkpoint>(new CommandDefinition($"SELECT {CheckpointColumns} FROM ledger_checkpoints ORDER BY id DESC LIMIT 1", cancellationToken: ct)), 0);
        // A seal whose signature fails seals nothing: named before the entries are read against it.
        var seal = checkpoint is null ? null : checkpoint.Note is null ? "legacy" : "verified";
        if (checkpoint is { Note: not null } s && s.NoteProblem(signer) is { } bad)
            return new Result(false, await cn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM commitment_ledger", cancellationToken: ct)), null,
                $"checkpoint {s.Id}: {bad}", LedgerHash.Genesis, "signature", ProblemArgs: [s.Id, s.Size, s.Signed], TreeSize: tree.Size, TreeRoot: tree.Root, Seal: "invalid");
        await cn.ExecuteAsync(new CommandDefinition(LedgerScan.StreamingSettings, cancellationToken: ct));
        await using var stored = await StoredTreeNodes.OpenAsync(dataSource, tree.Size, ct);
        var recomputed = new MerkleAppender();
        var completed = new List<MerkleNode>();
        var prev = LedgerHash.Genesis;
        byte[]? rootAtCheckpoint = checkpoint?.Size == 0 ? MerkleHash.EmptyRoot : null, headAtCheckpoint = checkpoint?.Size == 0 ? LedgerHash.Genesis : null;
        long count = 0;
        Result? broken = null;
        // The entries are read and hashed on another thread, batches ahead, while this one builds the tree and compares
        // nodes: on a small server the check takes the time of the longer of the two, not their sum.
        await foreach (var row in ReadAhead.InBatches(LedgerScan.StreamAsync(cn, 0, null, ct), 1024, 8))
        {
            count++;
            Result Broken(string problem, string code, bool namesEntry, params object[] args) =>
                new(false, 0, row.Seq, problem, prev, code, namesEntry ? row.CommitmentId : null, namesEntry ? row.Event : null, count, args, tree.Size, tree.Root, seal);
            if (row.ChainProblem(count, prev) is { } chain)
            {
                broken = chain switch
                {
                    "gap" => Broken($"sequence gap: expected {count}", chain, true, count, row.Seq),
                    "link" => Broken("prev_hash does not match the previous entry", chain, true),
                    _ => Broken("hash does not match the entry's content", chain, true),
                };
                break;
            }
            completed.Clear();
            recomputed.Append(row.LeafHash, completed);
            if (await stored.FirstMismatchAsync(completed, ct) is { } node)
            {
                broken = node.Level == 0
                    ? Broken("the entry is not the one the Merkle tree sealed at its position", "leaf_mismatch", true, row.Seq)
                    : Broken($"stored Merkle node ({node.Level}, {node.Index}) does not match the entries", "node_mismatch", false, node.Level, node.Index, node.Start + 1, node.End);
                break;
            }
            prev = row.Hash;
            if (count == checkpoint?.Size)
                (rootAtCheckpoint, headAtCheckpoint) = (recomputed.Root(), row.Hash);
        }
        if (broken is not null)
        {
            // The page says how big the ledger is, not how far the check got: the rest is counted, not streamed.
            var size = await cn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM commitment_ledger", cancellationToken: ct));
            return broken with { Entries = size };
        }
        Result Sealed(string problem, string code, params object[] args) =>
            new(false, count, code.EndsWith("truncated", StringComparison.Ordinal) ? count + 1 : null, problem, prev, code, null, null, count + 1, args, tree.Size, tree.Root, seal);
        if (checkpoint is { } c && count < c.Size)
            return Sealed($"truncated: checkpoint {c.Id} sealed {c.Size} entries, the ledger has {count}", "truncated", c.Id, c.Size, count, c.Signed);
        if (count < tree.Size)
            return Sealed($"truncated: the Merkle tree sealed {tree.Size} entries, the ledger has {count}", "tree_truncated", tree.Size, count);
        if (checkpoint is { TreeRoot: { } root } r && !root.AsSpan().SequenceEqual(rootAtCheckpoint))
            return Sealed($"the entries give another Merkle root at checkpoint {r.Id}'s size {r.Size}", "root_mismatch", r.Id, r.Size, r.Signed);
        if (checkpoint is { } h && !h.HeadHash.AsSpan().SequenceEqual(headAtCheckpoint))
            return Sealed($"the chain's head at checkpoint {h.Id}'s size {h.Size} is not the one it sealed", "head_mismatch", h.Id, h.Size, h.Signed);
        return new Result(true, count, null, null, prev, TreeSize: tree.Size, TreeRoot: tree.Root, Seal: seal, Witnesses: witnesses);
    }
}
