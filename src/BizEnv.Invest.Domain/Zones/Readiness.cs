namespace BizEnv.Invest.Domain.Zones;

/// <summary>
/// The infrastructure checklist: the classic "nine connections and one levelling" 九通一平 and the newer
/// set 新九通一平 (information, market, regulation, supporting services, logistics, capital, talent,
/// technology, services, plus an innovation platform).
/// </summary>
public enum ReadinessItem
{
    // 九通一平
    Road,
    StormDrainage,
    Sewage,
    WaterSupply,
    NaturalGas,
    Power,
    Telecom,
    Heating,
    CableTv,
    SiteLevelling,

    // 新九通一平
    Information,
    Market,
    Regulation,
    SupportingServices,
    Logistics,
    Capital,
    Talent,
    Technology,
    Services,
    InnovationPlatform,
}

public enum ReadinessStatus
{
    NotYet,
    Partly,
    Ready,
}

public static class ReadinessItems
{
    public static IReadOnlyList<ReadinessItem> Classic { get; } =
    [
        ReadinessItem.Road, ReadinessItem.StormDrainage, ReadinessItem.Sewage, ReadinessItem.WaterSupply, ReadinessItem.NaturalGas,
        ReadinessItem.Power, ReadinessItem.Telecom, ReadinessItem.Heating, ReadinessItem.CableTv, ReadinessItem.SiteLevelling,
    ];

    public static IReadOnlyList<ReadinessItem> New { get; } =
    [
        ReadinessItem.Information, ReadinessItem.Market, ReadinessItem.Regulation, ReadinessItem.SupportingServices, ReadinessItem.Logistics,
        ReadinessItem.Capital, ReadinessItem.Talent, ReadinessItem.Technology, ReadinessItem.Services, ReadinessItem.InnovationPlatform,
    ];

    /// <summary>Can the item be relied on by <paramref name="date"/>: ready now, or expected by then.</summary>
    public static bool ReadyBy(ReadinessStatus status, DateOnly? expected, DateOnly date) =>
        status == ReadinessStatus.Ready || (expected is { } e && e <= date);
}
