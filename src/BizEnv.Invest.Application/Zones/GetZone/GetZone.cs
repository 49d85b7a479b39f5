using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Zones;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Zones.GetZone;

/// <summary>One zone: capacity (total, reserved, available), the readiness checklist, reservations and the change history.</summary>
public sealed record GetZone(Guid Id) : IQuery<ZoneDetail>;

public sealed class GetZoneHandler(IDbSession db, ActorContext actor, TimeProvider clock) : IRequestHandler<GetZone, ZoneDetail>
{
    public async Task<ZoneDetail> Handle(GetZone r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var zone = await cn.QuerySingleOrDefaultAsync<ZoneRow>(new CommandDefinition(ZoneRow.Select + " WHERE z.id = @Id", new { r.Id }, cancellationToken: ct))
            ?? throw new NotFoundException("zone", r.Id);
        using var grid = await cn.QueryMultipleAsync(new CommandDefinition("""
            SELECT item, status, expected_date FROM zone_readiness WHERE zone_id = @Id;
            SELECT rv.id AS Id, rv.zone_id AS ZoneId, z.name AS ZoneName, rv.project_id AS ProjectId, p.number AS ProjectNumber, p.name AS ProjectName,
                   rv.resource AS Resource, rv.amount AS Amount, rv.status AS Status, rv.created_at AS CreatedAt, rv.released_at AS ReleasedAt,
                   rv.released_reason AS ReleasedReason
              FROM reservations rv JOIN projects p ON p.id = rv.project_id JOIN zones z ON z.id = rv.zone_id
              WHERE rv.zone_id = @Id ORDER BY rv.status = 'Released', rv.created_at DESC LIMIT 200;
            SELECT c.id AS Id, c.subject AS Subject, c.before AS Before, c.after AS After, c.reason AS Reason, u.display_name AS ChangedBy, c.changed_at AS ChangedAt
              FROM capacity_changes c JOIN users u ON u.id = c.changed_by WHERE c.zone_id = @Id ORDER BY c.changed_at DESC, c.id DESC LIMIT 200;
            """, new { r.Id }, cancellationToken: ct));
        var stored = (await grid.ReadAsync<(string Item, string Status, DateOnly? Expected)>()).ToDictionary(x => Enum.Parse<ReadinessItem>(x.Item));
        // Items never set read as "not yet", so the checklist always shows all twenty.
        var readiness = ReadinessItems.Classic.Concat(ReadinessItems.New).Select(item => stored.TryGetValue(item, out var s)
            ? new ReadinessDto(item, Enum.Parse<ReadinessStatus>(s.Status), s.Expected)
            : new ReadinessDto(item, ReadinessStatus.NotYet, null)).ToList();
        var reservations = (await grid.ReadAsync<(Guid Id, Guid ZoneId, string ZoneName, Guid ProjectId, string ProjectNumber, string ProjectName, string Resource,
                decimal Amount, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ReleasedAt, string? ReleasedReason)>())
            .Select(x => new ReservationDto(x.Id, x.ZoneId, x.ZoneName, x.ProjectId, x.ProjectNumber, x.ProjectName, Enum.Parse<Resource>(x.Resource), x.Amount,
                x.Status, x.CreatedAt, x.ReleasedAt, x.ReleasedReason)).ToList();
        var history = (await grid.ReadAsync<CapacityChangeDto>()).ToList();
        return new ZoneDetail(zone.ToDto(), readiness, reservations, history, ZoneAccess.MayEdit(actor.Actor, zone.ManagingUnitId), clock.Today());
    }
}
