using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Zones.Grain;
using Orleans;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Domain.Zones;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Zones.UpdateReadiness;

/// <summary>A park manager sets a checklist item (ready / partly / not yet, with the expected date) with a reason; history kept.</summary>
[AllowRoles(Role.ParkManager)]
public sealed record UpdateReadiness(Guid ZoneId, ReadinessItem Item, ReadinessStatus Status, DateOnly? ExpectedDate, string Reason, int Version) : ICommand<ZoneSummary>, IGrainCommand;

public sealed class UpdateReadinessValidator : AbstractValidator<UpdateReadiness>
{
    public UpdateReadinessValidator()
    {
        RuleFor(x => x.Item).IsInEnum().WithText("readiness.item_unknown");
        RuleFor(x => x.Status).IsInEnum().WithText("readiness.status_unknown");
        RuleFor(x => x.ExpectedDate).NotNull().WithText("readiness.expected_required").When(x => x.Status != ReadinessStatus.Ready);
        RuleFor(x => x.Reason).NotEmpty().WithText("capacity.reason_required").MaximumLength(500).WithText("field.too_long", 500);
    }
}

public sealed class UpdateReadinessHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<UpdateReadiness, ZoneSummary>
{
    public async Task<ZoneSummary> Handle(UpdateReadiness r, CancellationToken ct)
    {
        audit.Target("zone", r.ZoneId, $"{r.Item} → {r.Status}");
        await ZoneLoad.EnsureEditable(await db.ConnectionAsync(ct), null, actor.Actor, r.ZoneId, r.Version, ct);
        var reply = await grains.GetGrain<IZoneGrain>(r.ZoneId).SetReadiness(
            new ZoneReadiness(r.Item, r.Status, r.ExpectedDate, r.Reason, r.Version, actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<ZoneSummary>();
    }
}
