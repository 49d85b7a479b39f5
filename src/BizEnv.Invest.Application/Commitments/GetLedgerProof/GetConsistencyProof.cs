using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger.Tree;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Domain.Ledger.Merkle;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.GetLedgerProof;

/// <summary>
/// RFC 9162 consistency proof that the tree of <paramref name="NewSize"/> entries (the tree sealed so far when
/// not given) only appends to the tree of <paramref name="OldSize"/>: what shows a checkpoint's holder that the
/// ledger was not rewritten or cut since. Integrity office, admins.
/// </summary>
[AllowRoles(Role.IntegrityOfficer, Role.Admin)]
public sealed record GetConsistencyProof(long OldSize, long? NewSize) : IQuery<ConsistencyProofDto>;

/// <summary>Both roots and the proof, all hex; an empty proof when the sizes are equal.</summary>
public sealed record ConsistencyProofDto(long OldSize, long NewSize, string OldRootHash, string NewRootHash, IReadOnlyList<string> Proof, TreeHeadDto SealedHead);

public sealed class GetConsistencyProofHandler(IDbSession db) : IRequestHandler<GetConsistencyProof, ConsistencyProofDto>
{
    public async Task<ConsistencyProofDto> Handle(GetConsistencyProof r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var head = await TreeHead.ReadAsync(cn, db.Transaction, ct);
        var newSize = ProofSizes.Check(r.NewSize ?? head.Size, head);
        if (r.OldSize < 1 || r.OldSize > newSize)
            throw new DomainException("ledger.proof.sizes", newSize);
        // Both roots come in the same read as the proof (empty between equal sizes, as the RFC has it).
        var ranges = MerkleProofs.ConsistencyRanges(r.OldSize, newSize);
        var hashes = await MerkleRange.ReadAsync(new MerkleNodeTable(cn, db.Transaction), [.. ranges, new MerkleRange(0, r.OldSize), new MerkleRange(0, newSize)], ct);
        return new ConsistencyProofDto(r.OldSize, newSize, Convert.ToHexStringLower(hashes[^2]), Convert.ToHexStringLower(hashes[^1]),
            [.. hashes[..^2].Select(Convert.ToHexStringLower)], ProofSizes.Dto(head));
    }
}
