using BizEnv.Invest.Application.Agreements;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Agreements.Grain;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Identity;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Agreements.AddObligation;

/// <summary>One more obligation of the investor under the agreement (a milestone already reached by the project is met at once).</summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record AddObligation(Guid AgreementId, ObligationInput Obligation) : ICommand<AgreementSaved>, IGrainCommand;

public sealed class AddObligationHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<AddObligation, AgreementSaved>
{
    public async Task<AgreementSaved> Handle(AddObligation r, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        audit.Target("obligation", id, $"{r.Obligation.Kind} {r.Obligation.Target} {r.Obligation.Unit}");
        await AgreementAccess.ForWrite(await db.ConnectionAsync(ct), actor.Actor, r.AgreementId, ct);
        var reply = await grains.GetGrain<IAgreementGrain>(r.AgreementId).AddObligation(new NewObligation(r.Obligation.ToDraft(id), actor.Actor.UserId!.Value),
            CommandContext.For(actor, audit, r));
        return reply.Result<AgreementSaved>();
    }
}
