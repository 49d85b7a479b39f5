using BizEnv.Invest.Application.Abstractions;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Zones.ListParks;

/// <summary>Every park with its zones and their capacity; <see cref="MineOnly"/> for a park manager's own parks.</summary>
public sealed record ListParks(bool MineOnly = false) : IQuery<IReadOnlyList<ParkSummary>>;

public sealed class ListParksHandler(IDbSession db, ActorContext actor) : IRequestHandler<ListParks, IReadOnlyList<ParkSummary>>
{
    public async Task<IReadOnlyList<ParkSummary>> Handle(ListParks r, CancellationToken ct)
    {
        var me = actor.Actor;
        var cn = await db.ConnectionAsync(ct);
        var parks = await cn.QueryAsync<(Guid Id, string Name, string Level, string ParkType, Guid UnitId, string Unit, string[] Industries, string? Description)>(
            new CommandDefinition("""
                SELECT p.id, p.name, p.level, p.park_type, p.managing_unit_id, u.name_zh, p.leading_industries, p.description
                FROM parks p JOIN units u ON u.id = p.managing_unit_id
                WHERE NOT @mine OR p.managing_unit_id = @unit ORDER BY p.name
                """, new { mine = r.MineOnly, unit = me.UnitId }, cancellationToken: ct));
        var zones = (await cn.QueryAsync<ZoneRow>(new CommandDefinition(ZoneRow.Select + " ORDER BY z.name", cancellationToken: ct)))
            .Select(z => z.ToDto()).ToLookup(z => z.ParkId);
        return parks.Select(p => new ParkSummary(p.Id, p.Name, p.Level, p.ParkType, p.UnitId, p.Unit, p.Industries, p.Description,
            zones[p.Id].ToList(), ZoneAccess.MayEdit(me, p.UnitId))).ToList();
    }
}
