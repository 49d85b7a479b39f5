namespace BizEnv.Invest.Domain.Zones;

/// <summary>What a zone can supply: land and standard factory space (m²), power (kVA), water (t/day), gas (m³/day).</summary>
public enum Resource
{
    Land,
    FactorySpace,
    Power,
    Water,
    Gas,
}

public static class Resources
{
    public static IReadOnlyList<Resource> All { get; } = Enum.GetValues<Resource>();

    /// <summary>The infrastructure item that must be ready before the resource can actually be delivered.</summary>
    public static ReadinessItem? PrerequisiteOf(Resource resource) => resource switch
    {
        Resource.Land => ReadinessItem.SiteLevelling,
        Resource.Power => ReadinessItem.Power,
        Resource.Water => ReadinessItem.WaterSupply,
        Resource.Gas => ReadinessItem.NaturalGas,
        _ => null,
    };
}
