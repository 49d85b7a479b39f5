using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Remediation.GetRemediationItem;

/// <summary>An item of the pre-2018 list with its promise, progress history and what the reader may do.</summary>
[AllowRoles(Role.IntegrityOfficer, Role.Leader, Role.PromotionOfficer, Role.Admin)]
public sealed record GetRemediationItem(Guid CommitmentId) : IQuery<RemediationDetail>;

public sealed record RemediationDetail(RemediationState Item, CommitmentState Commitment, bool Overdue, bool CanWork, bool CanSignOff);

public sealed class GetRemediationItemHandler(IDbSession db, ActorContext actor, TimeProvider clock) : IRequestHandler<GetRemediationItem, RemediationDetail>
{
    public async Task<RemediationDetail> Handle(GetRemediationItem r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var item = await RemediationList.Read(cn, null, r.CommitmentId, false, ct);
        var commitment = await CommitmentLoad.Read(cn, null, r.CommitmentId, ct);
        if (!RemediationAccess.MayRead(actor.Actor, commitment.UnitId, item.ResponsibleUnitId))
            throw new Errors.NotFoundException("remediation", r.CommitmentId);
        var open = !item.SignedOff;
        return new RemediationDetail(item, commitment, RemediationRules.IsOverdue(item.Deadline, item.SignedOff, clock.Today()),
            open && RemediationAccess.MayWork(actor.Actor, commitment.UnitId, item.ResponsibleUnitId),
            open && actor.Actor.Roles.Contains(Role.IntegrityOfficer));
    }
}
