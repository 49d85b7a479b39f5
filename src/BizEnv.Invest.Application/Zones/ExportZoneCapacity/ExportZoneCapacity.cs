using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Zones;
using MediatR;

namespace BizEnv.Invest.Application.Zones.ExportZoneCapacity;

/// <summary>Every zone's capacity as an .xlsx 台账: land in m², 亩 and 公顷, space, utilities, reserved and available, readiness.</summary>
public sealed record ExportZoneCapacity : IQuery<FileDownload>;

public sealed class ExportZoneCapacityHandler(IMediator mediator, IXlsxExporter xlsx, TimeProvider clock) : IRequestHandler<ExportZoneCapacity, FileDownload>
{
    public async Task<FileDownload> Handle(ExportZoneCapacity r, CancellationToken ct)
    {
        var zones = await mediator.Send(new ListZones.ListZones(), ct);
        string[] headers =
        [
            Text.Get("export.no"), Text.Get("zones.park"), Text.Get("zones.name"), Text.Get("zones.land_use"),
            Text.Get("zones.x.land_total_m2"), Text.Get("zones.x.land_total_mu"), Text.Get("zones.x.land_total_ha"), Text.Get("zones.x.land_reserved_mu"), Text.Get("zones.x.land_available_mu"),
            Text.Get("zones.x.factory_total"), Text.Get("zones.x.factory_available"), Text.Get("zones.x.power_total"), Text.Get("zones.x.power_available"),
            Text.Get("zones.x.water_total"), Text.Get("zones.x.gas_total"), Text.Get("zones.x.readiness"),
        ];
        var rows = zones.Select((z, i) =>
        {
            CapacityDto C(Resource res) => z.Capacity.Single(c => c.Resource == res);
            var land = C(Resource.Land);
            return (IReadOnlyList<object?>)
            [
                i + 1, z.ParkName, z.Name, z.LandUse, land.Total, Math.Round(Area.SquareMetresToMu(land.Total), 2), Math.Round(Area.SquareMetresToHectares(land.Total), 2),
                Math.Round(Area.SquareMetresToMu(land.Reserved), 2), Math.Round(Area.SquareMetresToMu(land.Available), 2),
                C(Resource.FactorySpace).Total, C(Resource.FactorySpace).Available, C(Resource.Power).Total, C(Resource.Power).Available,
                C(Resource.Water).Total, C(Resource.Gas).Total, $"{z.ReadyItems}/{z.TotalItems}",
            ];
        });
        return await xlsx.ExportAsync($"zone-capacity-{clock.GetUtcNow():yyyyMMdd}.xlsx",
            new XlsxLayout(Text.Get("zones.sheet"), Text.Get("zones.export_title"), headers), rows, ct);
    }
}
