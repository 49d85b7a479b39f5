using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Domain.Zones;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Zones.GetParkManagerHome;

/// <summary>The park manager's home: my parks and capacity, recent reservations, readiness gaps and items past their expected date.</summary>
[AllowRoles(Role.ParkManager)]
public sealed record GetParkManagerHome : IQuery<ParkManagerHome>;

public sealed record ParkManagerHome(IReadOnlyList<ParkSummary> Parks, IReadOnlyList<ReservationDto> RecentReservations,
    IReadOnlyList<ReadinessGap> Gaps, DateOnly Today);

public sealed record ReadinessGap(Guid ZoneId, string ZoneName, ReadinessItem Item, ReadinessStatus Status, DateOnly? ExpectedDate, bool Overdue);

public sealed class GetParkManagerHomeHandler(IDbSession db, IMediator mediator, ActorContext actor, TimeProvider clock)
    : IRequestHandler<GetParkManagerHome, ParkManagerHome>
{
    public async Task<ParkManagerHome> Handle(GetParkManagerHome r, CancellationToken ct)
    {
        var parks = await mediator.Send(new ListParks.ListParks(MineOnly: true), ct);
        var zoneIds = parks.SelectMany(p => p.Zones).Select(z => z.Id).ToArray();
        var today = clock.Today();
        var cn = await db.ConnectionAsync(ct);
        var reservations = (await cn.QueryAsync<(Guid Id, Guid ZoneId, string ZoneName, Guid ProjectId, string ProjectNumber, string ProjectName, string Resource,
                decimal Amount, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ReleasedAt, string? ReleasedReason)>(new CommandDefinition("""
            SELECT rv.id, rv.zone_id, z.name, rv.project_id, p.number, p.name, rv.resource, rv.amount, rv.status, rv.created_at, rv.released_at, rv.released_reason
            FROM reservations rv JOIN zones z ON z.id = rv.zone_id JOIN projects p ON p.id = rv.project_id
            WHERE rv.zone_id = ANY(@zoneIds) ORDER BY coalesce(rv.released_at, rv.created_at) DESC LIMIT 10
            """, new { zoneIds }, cancellationToken: ct)))
            .Select(x => new ReservationDto(x.Id, x.ZoneId, x.ZoneName, x.ProjectId, x.ProjectNumber, x.ProjectName, Enum.Parse<Resource>(x.Resource), x.Amount,
                x.Status, x.CreatedAt, x.ReleasedAt, x.ReleasedReason)).ToList();
        var gaps = (await cn.QueryAsync<(Guid ZoneId, string ZoneName, string Item, string Status, DateOnly? Expected)>(new CommandDefinition("""
            SELECT zr.zone_id, z.name, zr.item, zr.status, zr.expected_date FROM zone_readiness zr JOIN zones z ON z.id = zr.zone_id
            WHERE zr.zone_id = ANY(@zoneIds) AND zr.status <> 'Ready' ORDER BY zr.expected_date NULLS LAST, z.name
            """, new { zoneIds }, cancellationToken: ct)))
            .Select(g => new ReadinessGap(g.ZoneId, g.ZoneName, Enum.Parse<ReadinessItem>(g.Item), Enum.Parse<ReadinessStatus>(g.Status), g.Expected,
                g.Expected is { } e && e < today)).ToList();
        _ = actor;
        return new ParkManagerHome(parks, reservations, gaps, today);
    }
}
