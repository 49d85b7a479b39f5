using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Zones;

internal static class ZoneLoad
{
    /// <summary>The zone's version and managing unit; 403 unless the actor manages its park; 409 if the version moved on.</summary>
    public static async Task EnsureEditable(NpgsqlConnection cn, NpgsqlTransaction? tx, Actor actor, Guid zoneId, int version, CancellationToken ct)
    {
        var zone = await cn.QuerySingleOrDefaultAsync<(int Version, Guid Unit)?>(new CommandDefinition(
            "SELECT z.version, p.managing_unit_id FROM zones z JOIN parks p ON p.id = z.park_id WHERE z.id = @zoneId",
            new { zoneId }, tx, cancellationToken: ct)) ?? throw new NotFoundException("zone", zoneId);
        if (!ZoneAccess.MayEdit(actor, zone.Unit))
            throw new ForbiddenException("zone.not_your_park");
        if (zone.Version != version)
            throw new ConcurrencyConflictException("zone", zoneId);
    }
}
