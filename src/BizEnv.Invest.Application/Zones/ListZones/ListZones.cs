using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Zones;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Zones.ListZones;

/// <summary>Zones for the investment map: filter by a park's leading industry (code prefix) and a minimum of available land (m²).</summary>
public sealed record ListZones(string? Industry = null, decimal? MinLandM2 = null) : IQuery<IReadOnlyList<ZoneSummary>>;

public sealed class ListZonesHandler(IDbSession db) : IRequestHandler<ListZones, IReadOnlyList<ZoneSummary>>
{
    public async Task<IReadOnlyList<ZoneSummary>> Handle(ListZones r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var industry = string.IsNullOrWhiteSpace(r.Industry) ? null : r.Industry.Trim().ToUpperInvariant();
        var zones = (await cn.QueryAsync<ZoneRow>(new CommandDefinition(ZoneRow.Select + " ORDER BY p.name, z.name", cancellationToken: ct)))
            .Select(z => z.ToDto());
        return zones
            .Where(z => industry is null || IndustryMatch.Matches(z.LeadingIndustries, industry))
            .Where(z => r.MinLandM2 is null || z.Capacity.Single(c => c.Resource == Resource.Land).Available >= r.MinLandM2)
            .ToList();
    }
}

/// <summary>A park leading in "C38" fits a firm coded C3841 (and a search for "C3" finds it too).</summary>
public static class IndustryMatch
{
    public static bool Matches(IEnumerable<string> leading, string code) =>
        leading.Any(l => code.StartsWith(l, StringComparison.OrdinalIgnoreCase) || l.StartsWith(code, StringComparison.OrdinalIgnoreCase));
}
