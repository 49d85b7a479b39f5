using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm.Trips.RecordTrip;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Trips.ListTrips;

/// <summary>The unit's trips, newest first (all units for readers of everything), at most 200.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record ListTrips(bool OverdueOnly = false) : IQuery<IReadOnlyList<TripDto>>;

public sealed class ListTripsHandler(IDbSession db, ActorContext actor, TimeProvider clock) : IRequestHandler<ListTrips, IReadOnlyList<TripDto>>
{
    public async Task<IReadOnlyList<TripDto>> Handle(ListTrips r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var today = clock.Today();
        return (await cn.QueryAsync<TripDto>(new CommandDefinition(TripSql.Select + """
             WHERE (@unit::uuid IS NULL OR t.unit_id = @unit) AND (NOT @overdue OR (t.report IS NULL AND t.report_due < @today))
             ORDER BY t.returned_on DESC LIMIT 200
            """, new { unit = CrmAccess.UnitScope(actor.Actor), overdue = r.OverdueOnly, today }, cancellationToken: ct))).ToList();
    }
}
