using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger.Tree;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Domain.Ledger.Merkle;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.GetLedgerProof;

/// <summary>
/// RFC 9162 inclusion proof of one ledger entry — by its seq, or by its leaf index (seq − 1) — in the tree of
/// <paramref name="TreeSize"/> entries (the tree sealed so far when not given). Integrity office, admins.
/// </summary>
[AllowRoles(Role.IntegrityOfficer, Role.Admin)]
public sealed record GetInclusionProof(long? Seq, long? LeafIndex, long? TreeSize) : IQuery<InclusionProofDto>;

/// <summary>The leaf at <see cref="LeafIndex"/> (entry <see cref="Seq"/>), the root of the tree of <see cref="TreeSize"/> and the audit path, deepest first, all hex.</summary>
public sealed record InclusionProofDto(long Seq, long LeafIndex, long TreeSize, string LeafHash, string RootHash, IReadOnlyList<string> Path, TreeHeadDto SealedHead);

/// <summary>The newest tree head the sequencer sealed: proofs may ask for any size up to it.</summary>
public sealed record TreeHeadDto(long Size, string RootHash);

public sealed class GetInclusionProofHandler(IDbSession db) : IRequestHandler<GetInclusionProof, InclusionProofDto>
{
    public async Task<InclusionProofDto> Handle(GetInclusionProof r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var head = await TreeHead.ReadAsync(cn, db.Transaction, ct);
        var size = ProofSizes.Check(r.TreeSize ?? head.Size, head);
        var index = r.LeafIndex ?? (r.Seq is { } seq ? seq - 1 : throw new DomainException("ledger.proof.entry_required"));
        if (index < 0 || index >= size)
            throw new DomainException("ledger.proof.leaf_out_of_range", index + 1, size);
        // The path, the leaf and the root in one read of their complete subtrees.
        var path = MerkleProofs.InclusionRanges(index, size);
        var hashes = await MerkleRange.ReadAsync(new MerkleNodeTable(cn, db.Transaction), [.. path, new MerkleRange(index, index + 1), new MerkleRange(0, size)], ct);
        return new InclusionProofDto(index + 1, index, size, Convert.ToHexStringLower(hashes[^2]), Convert.ToHexStringLower(hashes[^1]),
            [.. hashes[..^2].Select(Convert.ToHexStringLower)], ProofSizes.Dto(head));
    }
}

/// <summary>The range rule both proofs share: a tree size is one the sequencer has sealed, 1 to the newest.</summary>
internal static class ProofSizes
{
    public static long Check(long size, TreeHead head) =>
        size >= 1 && size <= head.Size ? size : throw new DomainException("ledger.proof.tree_size", head.Size);

    public static TreeHeadDto Dto(TreeHead head) => new(head.Size, Convert.ToHexStringLower(head.Root));
}
