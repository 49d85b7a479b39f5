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
public sealed record UpdateZoneCapacity(Guid ZoneId, Resource Resource, decimal NewTotal, string Reason, int Version) : ICommand<ZoneSummary>;

public sealed class UpdateZoneCapacityValidator : AbstractValidator<UpdateZoneCapacity>
{
    public UpdateZoneCapacityValidator()
    {
        RuleFor(x => x.Resource).IsInEnum().WithText("capacity.resource_unknown");
        RuleFor(x => x.NewTotal).GreaterThanOrEqualTo(0).WithText("field.not_negative").LessThan(1_000_000_000_000m).WithText("field.amount_too_large");
        RuleFor(x => x.Reason).NotEmpty().WithText("capacity.reason_required").MaximumLength(500).WithText("field.too_long", 500);
    }
}

public sealed class UpdateZoneCapacityHandler(IDbSession db, ActorContext actor, IAuditTrail audit, CapacityGuard guard, TimeProvider clock)
    : IRequestHandler<UpdateZoneCapacity, ZoneSummary>
{
    public async Task<ZoneSummary> Handle(UpdateZoneCapacity r, CancellationToken ct)
    {
        audit.Target("zone", r.ZoneId, $"{r.Resource} → {r.NewTotal}");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        await ZoneLoad.EnsureEditable(cn, tx, actor.Actor, r.ZoneId, r.Version, ct);
        var ledger = await guard.Lock(cn, tx, r.ZoneId, r.Resource, ct);
        // Stored to two decimals: check and record the figure as it will be kept.
        var newTotal = Math.Round(r.NewTotal, 2);
        ledger.EnsureCanSetTotal(newTotal);
        var now = clock.GetUtcNow();
        await cn.ExecuteAsync(new CommandDefinition($"""
            UPDATE zones SET {ZoneColumns.TotalColumn(r.Resource)} = @NewTotal, updated_at = @now, version = version + 1 WHERE id = @ZoneId;
            INSERT INTO capacity_changes (zone_id, subject, before, after, reason, changed_by, changed_at)
            VALUES (@ZoneId, @subject, @before, @after, @Reason, @by, @now);
            """, new
        {
            r.ZoneId, NewTotal = newTotal, now, subject = r.Resource.ToString(), before = ledger.Total.ToString(CultureInfo.InvariantCulture),
            after = newTotal.ToString(CultureInfo.InvariantCulture), Reason = r.Reason.Trim(), by = actor.Actor.UserId,
        }, tx, cancellationToken: ct));
        return (await cn.QuerySingleAsync<ZoneRow>(new CommandDefinition(ZoneRow.Select + " WHERE z.id = @ZoneId", new { r.ZoneId }, tx, cancellationToken: ct))).ToDto();
    }
}
