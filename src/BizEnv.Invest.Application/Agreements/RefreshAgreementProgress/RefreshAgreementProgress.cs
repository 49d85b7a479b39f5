using BizEnv.Invest.Application.Agreements;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Agreements.Grain;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Identity;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Agreements.RefreshAgreementProgress;

/// <summary>Read the project's stage dates and 到资 now (the daily tick and every project change do it too); misses are marked on the way.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record RefreshAgreementProgress(Guid AgreementId) : ICommand<AgreementSaved>, IGrainCommand;

public sealed class RefreshAgreementProgressHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<RefreshAgreementProgress, AgreementSaved>
{
    public async Task<AgreementSaved> Handle(RefreshAgreementProgress r, CancellationToken ct)
    {
        audit.Target("agreement", r.AgreementId);
        await AgreementAccess.ForWrite(await db.ConnectionAsync(ct), actor.Actor, r.AgreementId, ct);
        return (await grains.GetGrain<IAgreementGrain>(r.AgreementId).RefreshFromProject(CommandContext.For(actor, audit, r))).Result<AgreementSaved>();
    }
}
