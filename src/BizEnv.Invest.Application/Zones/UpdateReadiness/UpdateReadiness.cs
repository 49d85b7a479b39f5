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
public sealed record UpdateReadiness(Guid ZoneId, ReadinessItem Item, ReadinessStatus Status, DateOnly? ExpectedDate, string Reason, int Version) : ICommand<ZoneSummary>;

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

public sealed class UpdateReadinessHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<UpdateReadiness, ZoneSummary>
{
    public async Task<ZoneSummary> Handle(UpdateReadiness r, CancellationToken ct)
    {
        audit.Target("zone", r.ZoneId, $"{r.Item} → {r.Status}");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction;
        await ZoneLoad.EnsureEditable(cn, tx, actor.Actor, r.ZoneId, r.Version, ct);
        var before = await cn.QuerySingleOrDefaultAsync<(string Status, DateOnly? Expected)?>(new CommandDefinition(
            "SELECT status, expected_date FROM zone_readiness WHERE zone_id = @ZoneId AND item = @item FOR UPDATE",
            new { r.ZoneId, item = r.Item.ToString() }, tx, cancellationToken: ct));
        var expected = r.Status == ReadinessStatus.Ready ? null : r.ExpectedDate;
        var now = clock.GetUtcNow();
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO zone_readiness (zone_id, item, status, expected_date, updated_at) VALUES (@ZoneId, @item, @status, @expected, @now)
            ON CONFLICT (zone_id, item) DO UPDATE SET status = excluded.status, expected_date = excluded.expected_date, updated_at = excluded.updated_at;
            UPDATE zones SET updated_at = @now, version = version + 1 WHERE id = @ZoneId;
            INSERT INTO capacity_changes (zone_id, subject, before, after, reason, changed_by, changed_at)
            VALUES (@ZoneId, @subject, @beforeText, @afterText, @Reason, @by, @now);
            """, new
        {
            r.ZoneId, item = r.Item.ToString(), status = r.Status.ToString(), expected, now, subject = "readiness:" + r.Item,
            beforeText = before is { } b ? Describe(b.Status, b.Expected) : null, afterText = Describe(r.Status.ToString(), expected),
            Reason = r.Reason.Trim(), by = actor.Actor.UserId,
        }, tx, cancellationToken: ct));
        return (await cn.QuerySingleAsync<ZoneRow>(new CommandDefinition(ZoneRow.Select + " WHERE z.id = @ZoneId", new { r.ZoneId }, tx, cancellationToken: ct))).ToDto();
    }

    private static string Describe(string status, DateOnly? expected) => expected is { } e ? $"{status} {e:yyyy-MM-dd}" : status;
}
