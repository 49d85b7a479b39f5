using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using BizEnv.Invest.Application.Commitments.Ledger.Tree;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Domain.Ledger.Merkle;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.LedgerExplorer.ProveEntry;

/// <summary>
/// Proves one ledger entry is in what a checkpoint sealed, and checks the proof here as an outsider would:
/// the leaf is recomputed from the entry as stored (not read from the tree), the audit path folded up to a
/// root, and that root compared with the one the checkpoint's signed note states.
/// </summary>
[AllowRoles(Role.IntegrityOfficer, Role.Admin)]
public sealed record ProveEntry(long Seq, long CheckpointId) : IQuery<EntryProof>;

/// <summary>
/// The entry (what it records, in the reader's words), the checkpoint, the proof (hex, deepest first) and the
/// verdict: <see cref="Verified"/> when the path leads from this entry to the checkpoint's root and the
/// checkpoint's seal is verified.
/// </summary>
public sealed record EntryProof(long Seq, Guid CommitmentId, string EventText, DateTimeOffset At, CheckpointSummary Checkpoint, string LeafHash,
    IReadOnlyList<string> Path, bool PathLeadsToRoot, bool Verified);

public sealed class ProveEntryHandler(IDbSession db, ICheckpointSigner signer) : IRequestHandler<ProveEntry, EntryProof>
{
    public async Task<EntryProof> Handle(ProveEntry r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var checkpoint = (await CheckpointRow.ReadAsync(cn, db.Transaction, r.CheckpointId, ct)).ToSummary(signer);
        if (checkpoint.TreeRoot is null)
            throw new DomainException("ledger.explorer.legacy_checkpoint", r.CheckpointId);
        if (r.Seq < 1 || r.Seq > checkpoint.Size)
            throw new DomainException("ledger.proof.leaf_out_of_range", r.Seq, checkpoint.Size);
        // Sealed but gone: the proof cannot start from it, and that is the finding.
        if (await Receipts.ReceiptBuilder.ReadEntryAsync(cn, db.Transaction, r.Seq, ct) is not { } e)
            throw new DomainException("ledger.explorer.entry_missing", r.Seq, r.CheckpointId);
        var index = r.Seq - 1;
        var path = await MerkleRange.ReadAsync(new MerkleNodeTable(cn, db.Transaction), MerkleProofs.InclusionRanges(index, checkpoint.Size), ct);
        var leaf = MerkleHash.LeafHash(e.Canonical());
        var leads = MerkleVerifier.VerifyInclusion(index, checkpoint.Size, leaf, path, Convert.FromHexString(checkpoint.TreeRoot));
        return new EntryProof(e.Seq, e.CommitmentId, Localization.LedgerWords.Event(e.Event), new DateTimeOffset(DateTime.SpecifyKind(e.At, DateTimeKind.Utc)),
            checkpoint, Convert.ToHexStringLower(leaf), [.. path.Select(Convert.ToHexStringLower)], leads, leads && checkpoint.Seal == "verified");
    }
}
