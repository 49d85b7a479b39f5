namespace BizEnv.Invest.Domain.Chains;

/// <summary>Where a node sits in its chain: materials and parts 上游, components and assembly 中游, products and services 下游. Stored by name.</summary>
public enum ChainSegment
{
    Upstream,
    Midstream,
    Downstream,
}
