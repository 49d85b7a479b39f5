namespace BizEnv.Invest.Domain.Zones;

/// <summary>An amount of a resource, so a message can say "80 亩" or "5,000 kVA" rather than a bare number.</summary>
public readonly record struct Quantity(Resource Resource, decimal Amount);
