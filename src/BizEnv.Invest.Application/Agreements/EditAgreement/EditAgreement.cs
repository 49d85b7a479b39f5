using BizEnv.Invest.Application.Agreements;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Agreements.Grain;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Identity;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Agreements.EditAgreement;

/// <summary>The agreement's header corrected, from the version the officer saw (409 if it changed meanwhile).</summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record EditAgreement(
    Guid AgreementId, Guid UnitId, string Number, string Title, string GovernmentSignatory, string InvestorSignatory, DateOnly SignedOn, int ConditionPaymentDays,
    int Version) : ICommand<AgreementSaved>, IGrainCommand;

public sealed class EditAgreementHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<EditAgreement, AgreementSaved>
{
    public async Task<AgreementSaved> Handle(EditAgreement r, CancellationToken ct)
    {
        audit.Target("agreement", r.AgreementId, r.Number);
        await AgreementAccess.ForWrite(await db.ConnectionAsync(ct), actor.Actor, r.AgreementId, ct);
        var reply = await grains.GetGrain<IAgreementGrain>(r.AgreementId).EditHeader(new AgreementHeaderEdit(r.UnitId, r.Number ?? "", r.Title ?? "",
            r.GovernmentSignatory ?? "", r.InvestorSignatory ?? "", r.SignedOn, r.ConditionPaymentDays, r.Version, actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<AgreementSaved>();
    }
}
