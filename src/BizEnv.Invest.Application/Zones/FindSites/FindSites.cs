using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Application.Zones.ListZones;
using BizEnv.Invest.Domain.Zones;
using MediatR;

namespace BizEnv.Invest.Application.Zones.FindSites;

/// <summary>
/// The site finder: given a project's needs (land, factory space, power; industry), the zones that
/// fit, best first, each with the reasons — what it has, what it lacks, whether it leads in the industry.
/// </summary>
public sealed record FindSites(decimal? LandM2, decimal? FactoryM2, decimal? PowerKva, string? Industry) : IQuery<IReadOnlyList<SiteMatch>>;

public sealed record SiteMatch(ZoneSummary Zone, bool Fits, int Score, IReadOnlyList<string> Reasons);

public sealed class FindSitesHandler(IMediator mediator) : IRequestHandler<FindSites, IReadOnlyList<SiteMatch>>
{
    public async Task<IReadOnlyList<SiteMatch>> Handle(FindSites r, CancellationToken ct)
    {
        var zones = await mediator.Send(new ListZones.ListZones(), ct);
        var needs = new (Resource Resource, decimal? Amount)[] { (Resource.Land, r.LandM2), (Resource.FactorySpace, r.FactoryM2), (Resource.Power, r.PowerKva) }
            .Where(n => n.Amount is > 0).Select(n => (n.Resource, Amount: n.Amount!.Value)).ToList();
        var industry = string.IsNullOrWhiteSpace(r.Industry) ? null : r.Industry.Trim().ToUpperInvariant();

        return zones.Select(zone =>
        {
            var reasons = new List<string>();
            var fits = true;
            var score = 0;
            foreach (var (resource, amount) in needs)
            {
                var available = zone.Capacity.Single(c => c.Resource == resource).Available;
                if (available >= amount)
                {
                    reasons.Add(Text.Get("sites.has", resource, Show(resource, available), Show(resource, amount)));
                    // A zone that fits with room to spare ranks above one that only just fits.
                    score += 20 + (int)Math.Min(20, (available - amount) / Math.Max(amount, 1) * 10);
                }
                else
                {
                    fits = false;
                    reasons.Add(Text.Get("sites.lacks", resource, Show(resource, available), Show(resource, amount)));
                }
            }
            if (industry is not null)
            {
                if (IndustryMatch.Matches(zone.LeadingIndustries, industry))
                {
                    score += 30;
                    reasons.Add(Text.Get("sites.industry_match", string.Join("、", zone.LeadingIndustries)));
                }
                else
                {
                    reasons.Add(Text.Get("sites.industry_other", string.Join("、", zone.LeadingIndustries)));
                }
            }
            score += zone.TotalItems == 0 ? 0 : 10 * zone.ReadyItems / zone.TotalItems;
            reasons.Add(Text.Get("sites.readiness", zone.ReadyItems, zone.TotalItems));
            return new SiteMatch(zone, fits, fits ? score : score - 1000, reasons);
        })
        .OrderByDescending(m => m.Score).ThenBy(m => m.Zone.Name).ToList();
    }

    private static string Show(Resource resource, decimal amount) => Text.ShowQuantity(new Quantity(resource, amount));
}
