using BizEnv.Invest.Domain.Zones;

namespace BizEnv.Invest.Application.Zones;

public sealed record CapacityDto(Resource Resource, decimal Total, decimal Reserved, decimal Intended, decimal Available);

public sealed record ReadinessDto(ReadinessItem Item, ReadinessStatus Status, DateOnly? ExpectedDate)
{
    public bool IsOverdue(DateOnly today) => Status != ReadinessStatus.Ready && ExpectedDate is { } e && e < today;
}

public sealed record ReservationDto(Guid Id, Guid ZoneId, string ZoneName, Guid ProjectId, string ProjectNumber, string ProjectName, Resource Resource,
    decimal Amount, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ReleasedAt, string? ReleasedReason);

public sealed record CapacityChangeDto(long Id, string Subject, string? Before, string After, string Reason, string ChangedBy, DateTimeOffset ChangedAt);

public sealed record ZoneSummary(
    Guid Id, Guid ParkId, string ParkName, string ParkLevel, IReadOnlyList<string> LeadingIndustries, string Name, decimal Lng, decimal Lat,
    string? Polygon, string LandUse, IReadOnlyList<CapacityDto> Capacity, int ReadyItems, int TotalItems, int Version);

public sealed record ZoneDetail(ZoneSummary Zone, IReadOnlyList<ReadinessDto> Readiness, IReadOnlyList<ReservationDto> Reservations,
    IReadOnlyList<CapacityChangeDto> History, bool CanEdit, DateOnly Today);

public sealed record ParkSummary(Guid Id, string Name, string Level, string ParkType, Guid ManagingUnitId, string ManagingUnit,
    IReadOnlyList<string> LeadingIndustries, string? Description, IReadOnlyList<ZoneSummary> Zones, bool CanEdit);

internal sealed record ZoneRow(
    Guid Id, Guid ParkId, string ParkName, string ParkLevel, string[] LeadingIndustries, string Name, decimal Lng, decimal Lat, string? Polygon,
    string LandUse, decimal LandTotal, decimal FactoryTotal, decimal PowerTotal, decimal WaterTotal, decimal GasTotal,
    string? Held, int ReadyItems, int TotalItems, int Version, Guid ManagingUnitId)
{
    /// <summary>Zone figures with the capacity held by active reservations, per resource and status ("Land:Reserved:1000;…").</summary>
    public const string Select = """
        SELECT z.id AS Id, z.park_id AS ParkId, p.name AS ParkName, p.level AS ParkLevel, p.leading_industries AS LeadingIndustries, z.name AS Name,
               z.lng AS Lng, z.lat AS Lat, z.polygon::text AS Polygon, z.land_use AS LandUse,
               z.land_total_m2 AS LandTotal, z.factory_total_m2 AS FactoryTotal, z.power_total_kva AS PowerTotal, z.water_total_tpd AS WaterTotal,
               z.gas_total_m3pd AS GasTotal,
               (SELECT string_agg(r.resource || ':' || r.status || ':' || r.total, ';') FROM (
                    SELECT resource, status, sum(amount) AS total FROM reservations WHERE zone_id = z.id AND status <> 'Released' GROUP BY resource, status) r) AS Held,
               (SELECT count(*) FROM zone_readiness zr WHERE zr.zone_id = z.id AND zr.status = 'Ready')::int AS ReadyItems,
               (SELECT count(*) FROM zone_readiness zr WHERE zr.zone_id = z.id)::int AS TotalItems,
               z.version AS Version, p.managing_unit_id AS ManagingUnitId
        FROM zones z JOIN parks p ON p.id = z.park_id
        """;

    public ZoneSummary ToDto()
    {
        var held = (Held ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(x => x.Split(':'))
            .Select(x => (Resource: Enum.Parse<Resource>(x[0]), Status: x[1], Amount: decimal.Parse(x[2], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        CapacityDto Cap(Resource r, decimal total)
        {
            var reserved = held.Where(h => h.Resource == r).Sum(h => h.Amount);
            var intended = held.Where(h => h.Resource == r && h.Status == "Intended").Sum(h => h.Amount);
            return new CapacityDto(r, total, reserved, intended, new CapacityLedger(r, total, reserved).Available);
        }
        return new ZoneSummary(Id, ParkId, ParkName, ParkLevel, LeadingIndustries, Name, Lng, Lat, Polygon, LandUse,
            [Cap(Resource.Land, LandTotal), Cap(Resource.FactorySpace, FactoryTotal), Cap(Resource.Power, PowerTotal), Cap(Resource.Water, WaterTotal), Cap(Resource.Gas, GasTotal)],
            // Items never set count as not yet: the checklist always has all twenty.
            ReadyItems, ReadinessItems.Classic.Count + ReadinessItems.New.Count, Version);
    }
}

internal static class ZoneColumns
{
    /// <summary>The zones column holding a resource's total (never from user input: a fixed map).</summary>
    public static string TotalColumn(Resource resource) => resource switch
    {
        Resource.Land => "land_total_m2",
        Resource.FactorySpace => "factory_total_m2",
        Resource.Power => "power_total_kva",
        Resource.Water => "water_total_tpd",
        Resource.Gas => "gas_total_m3pd",
        _ => throw new ArgumentOutOfRangeException(nameof(resource)),
    };
}
