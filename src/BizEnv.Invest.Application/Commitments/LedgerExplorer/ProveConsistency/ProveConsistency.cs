using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using BizEnv.Invest.Application.Commitments.Ledger.Tree;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Domain.Ledger.Merkle;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.LedgerExplorer.ProveConsistency;

/// <summary>
/// Proves the later of two checkpoints only appended to the earlier one — nothing sealed before was
/// rewritten, reordered or cut — and checks the proof between the two roots their signed notes state.
/// </summary>
[AllowRoles(Role.IntegrityOfficer, Role.Admin)]
public sealed record ProveConsistency(long OldCheckpointId, long NewCheckpointId) : IQuery<ConsistencyCheck>;

/// <summary>Both checkpoints, the proof (hex) and the verdict: the proof holds between their roots, and both seals are verified.</summary>
public sealed record ConsistencyCheck(CheckpointSummary Old, CheckpointSummary New, IReadOnlyList<string> Proof, bool ProofHolds, bool Verified);

public sealed class ProveConsistencyHandler(IDbSession db, ICheckpointSigner signer) : IRequestHandler<ProveConsistency, ConsistencyCheck>
{
    public async Task<ConsistencyCheck> Handle(ProveConsistency r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var old = (await CheckpointRow.ReadAsync(cn, db.Transaction, r.OldCheckpointId, ct)).ToSummary(signer);
        var @new = (await CheckpointRow.ReadAsync(cn, db.Transaction, r.NewCheckpointId, ct)).ToSummary(signer);
        foreach (var c in new[] { old, @new }.Where(c => c.TreeRoot is null))
            throw new DomainException("ledger.explorer.legacy_checkpoint", c.Id);
        if (old.Size > @new.Size)
            throw new DomainException("ledger.explorer.sizes_order", old.Id, old.Size, @new.Id, @new.Size);
        if (old.Size == 0)
            throw new DomainException("ledger.explorer.empty_checkpoint", old.Id);
        var proof = await MerkleRange.ReadAsync(new MerkleNodeTable(cn, db.Transaction), MerkleProofs.ConsistencyRanges(old.Size, @new.Size), ct);
        var holds = MerkleVerifier.VerifyConsistency(old.Size, @new.Size, Convert.FromHexString(old.TreeRoot!), Convert.FromHexString(@new.TreeRoot!), proof);
        return new ConsistencyCheck(old, @new, [.. proof.Select(Convert.ToHexStringLower)], holds, holds && old.Seal == "verified" && @new.Seal == "verified");
    }
}
