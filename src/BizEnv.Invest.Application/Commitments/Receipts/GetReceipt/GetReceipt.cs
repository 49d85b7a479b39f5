using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using BizEnv.Invest.Application.Crm;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Identity;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Receipts.GetReceipt;

/// <summary>
/// The receipt of ledger entry <paramref name="Seq"/> of promise <paramref name="CommitmentId"/>: whoever may read the
/// promise (its unit's officers, leaders, the integrity office) prints it for the investor.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record GetReceipt(Guid CommitmentId, long Seq) : IQuery<Receipt>;

public sealed class GetReceiptHandler(IDbSession db, ActorContext actor, ICheckpointSigner signer) : IRequestHandler<GetReceipt, Receipt>
{
    public async Task<Receipt> Handle(GetReceipt r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var state = await CommitmentLoad.Read(cn, db.Transaction, r.CommitmentId, ct);
        CrmAccess.EnsureRead(actor.Actor, state.UnitId, "commitment", r.CommitmentId);
        // An entry of another promise is not this promise's to print, whoever asks.
        var row = await ReceiptBuilder.ReadEntryAsync(cn, db.Transaction, r.Seq, ct);
        if (row is null || row.CommitmentId != r.CommitmentId)
            throw new NotFoundException("ledger-entry", r.Seq);
        return await ReceiptBuilder.BuildAsync(cn, db.Transaction, signer, row, ct);
    }
}
