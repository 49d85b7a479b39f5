namespace BizEnv.Invest.Domain.Identity;

/// <summary>Every person belongs to a unit: a bureau 局, division 处室, park 园区 or county/district 县区.</summary>
public enum UnitKind
{
    Bureau,
    Division,
    Park,
    County,
}
