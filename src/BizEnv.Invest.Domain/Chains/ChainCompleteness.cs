namespace BizEnv.Invest.Domain.Chains;

/// <summary>
/// A chain's completeness 完整度: the share of its nodes that are present locally (strong or weak — not
/// missing). An empty chain is 0 % complete: there is nothing yet to be proud of.
/// </summary>
public sealed record ChainCompleteness(int Strong, int Weak, int Missing)
{
    public int Total => Strong + Weak + Missing;

    public int Present => Strong + Weak;

    /// <summary>Present ÷ total, 0 for an empty chain.</summary>
    public decimal Share => Total == 0 ? 0 : (decimal)Present / Total;

    /// <summary>The share as a percentage to one decimal (2 of 3 → 66.7).</summary>
    public decimal Percent => Math.Round(Share * 100, 1, MidpointRounding.AwayFromZero);

    public static ChainCompleteness Of(IEnumerable<ChainNodeStatus> statuses)
    {
        int strong = 0, weak = 0, missing = 0;
        foreach (var s in statuses)
        {
            switch (s)
            {
                case ChainNodeStatus.Strong: strong++; break;
                case ChainNodeStatus.Weak: weak++; break;
                default: missing++; break;
            }
        }
        return new ChainCompleteness(strong, weak, missing);
    }
}
