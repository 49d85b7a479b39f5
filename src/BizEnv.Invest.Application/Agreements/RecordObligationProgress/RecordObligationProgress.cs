using BizEnv.Invest.Application.Agreements;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Agreements.Grain;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Agreements.RecordObligationProgress;

/// <summary>
/// A progress figure for a measured obligation (亩均税收, output, jobs, registered capital, R&amp;D, other) as of a date,
/// with its evidence (a tax certificate, a statement…). Milestones and 到资 are read from the project instead.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record RecordObligationProgress(Guid ObligationId, decimal Value, DateOnly AsOf, string Evidence) : ICommand<AgreementSaved>, IGrainCommand;

public sealed class RecordObligationProgressHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<RecordObligationProgress, AgreementSaved>
{
    public async Task<AgreementSaved> Handle(RecordObligationProgress r, CancellationToken ct)
    {
        audit.Target("obligation", r.ObligationId, $"{r.Value} @ {r.AsOf:yyyy-MM-dd}");
        var cn = await db.ConnectionAsync(ct);
        var agreementId = await cn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition("SELECT agreement_id FROM obligations WHERE id = @ObligationId", r,
            cancellationToken: ct)) ?? throw new NotFoundException("obligation", r.ObligationId);
        await AgreementAccess.ForWrite(cn, actor.Actor, agreementId, ct);
        var reply = await grains.GetGrain<IAgreementGrain>(agreementId).RecordProgress(
            new ProgressEntry(r.ObligationId, r.Value, r.AsOf, r.Evidence ?? "", actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<AgreementSaved>();
    }
}
