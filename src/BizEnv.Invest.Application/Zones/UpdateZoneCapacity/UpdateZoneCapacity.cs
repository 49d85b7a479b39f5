using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Zones.Grain;
using Orleans;
using System.Globalization;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Domain.Zones;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Zones.UpdateZoneCapacity;

/// <summary>
/// A park manager sets a zone's total of one resource, with a reason. It may not be negative nor
/// below what reservations already hold; the change is kept in the zone's history (before → after).
/// </summary>
[AllowRoles(Role.ParkManager)]
public sealed record UpdateZoneCapacity(Guid ZoneId, Resource Resource, decimal NewTotal, string Reason, int Version) : ICommand<ZoneSummary>, IGrainCommand;

public sealed class UpdateZoneCapacityValidator : AbstractValidator<UpdateZoneCapacity>
{
    public UpdateZoneCapacityValidator()
    {
        RuleFor(x => x.Resource).IsInEnum().WithText("capacity.resource_unknown");
        RuleFor(x => x.NewTotal).GreaterThanOrEqualTo(0).WithText("field.not_negative").LessThan(1_000_000_000_000m).WithText("field.amount_too_large");
        RuleFor(x => x.Reason).NotEmpty().WithText("capacity.reason_required").MaximumLength(500).WithText("field.too_long", 500);
    }
}

public sealed class UpdateZoneCapacityHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<UpdateZoneCapacity, ZoneSummary>
{
    public async Task<ZoneSummary> Handle(UpdateZoneCapacity r, CancellationToken ct)
    {
        audit.Target("zone", r.ZoneId, $"{r.Resource} → {r.NewTotal}");
        await ZoneLoad.EnsureEditable(await db.ConnectionAsync(ct), null, actor.Actor, r.ZoneId, r.Version, ct);
        var reply = await grains.GetGrain<IZoneGrain>(r.ZoneId).SetTotal(
            new ZoneTotal(r.Resource, r.NewTotal, r.Reason, r.Version, actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<ZoneSummary>();
    }
}
