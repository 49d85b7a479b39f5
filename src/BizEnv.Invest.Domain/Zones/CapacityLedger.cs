using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Zones;

/// <summary>
/// A zone's capacity of one resource: the total, what active reservations hold, and what is left.
/// Nothing may be promised beyond what is available and unreserved, and the total may not drop below
/// what is already reserved.
/// </summary>
public sealed record CapacityLedger(Resource Resource, decimal Total, decimal Reserved)
{
    public decimal Available => Math.Max(0, Total - Reserved);

    public void EnsureCanReserve(decimal amount)
    {
        if (amount <= 0)
            throw new DomainException("capacity.amount_positive");
        if (amount > Available)
            throw new DomainException("capacity.insufficient", Resource, new Quantity(Resource, amount), new Quantity(Resource, Available));
    }

    public void EnsureCanSetTotal(decimal newTotal)
    {
        if (newTotal < 0)
            throw new DomainException("capacity.negative", Resource);
        if (newTotal < Reserved)
            throw new DomainException("capacity.below_reserved", Resource, new Quantity(Resource, newTotal), new Quantity(Resource, Reserved));
    }
}
