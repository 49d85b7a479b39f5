using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Chains;

/// <summary>How strong a node's local presence is: 强 strong, 弱 weak (some firms, not enough), 缺 missing. Stored by name.</summary>
public enum ChainNodeStatus
{
    Strong,
    Weak,
    Missing,
}

/// <summary>
/// A chain's rule for a node's status, set per chain by its editors: at least <see cref="StrongMinFirms"/> local
/// firms (and, when set, at least <see cref="StrongMinInvestment"/> yuan of signed local investment) make it
/// strong; at least <see cref="WeakMinFirms"/> (never fewer than one) make it weak; anything less is missing.
/// A node with no local firm is therefore always missing, whatever the thresholds.
/// </summary>
public sealed record ChainThresholds(int StrongMinFirms, int WeakMinFirms, decimal? StrongMinInvestment)
{
    public const int MaxFirms = 1000;

    /// <summary>What a new chain starts with: three firms for strong, one for weak, no investment bar.</summary>
    public static ChainThresholds Default { get; } = new(3, 1, null);

    public void EnsureValid()
    {
        if (WeakMinFirms < 1)
            throw new DomainException("chain.threshold_weak_min");
        if (StrongMinFirms < WeakMinFirms)
            throw new DomainException("chain.threshold_order", StrongMinFirms, WeakMinFirms);
        if (StrongMinFirms > MaxFirms)
            throw new DomainException("chain.threshold_too_large", MaxFirms);
        if (StrongMinInvestment is <= 0)
            throw new DomainException("chain.threshold_investment_positive");
    }

    public ChainNodeStatus StatusOf(int localFirms, decimal localInvestment)
    {
        if (localFirms >= StrongMinFirms && (StrongMinInvestment is not { } bar || localInvestment >= bar))
            return ChainNodeStatus.Strong;
        return localFirms >= Math.Max(1, WeakMinFirms) ? ChainNodeStatus.Weak : ChainNodeStatus.Missing;
    }
}
