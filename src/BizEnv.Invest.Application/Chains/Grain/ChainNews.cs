using Orleans;

namespace BizEnv.Invest.Application.Chains.Grain;

/// <summary>
/// Where news of a firm or project reaches the chains: a stateless router that finds the chains it
/// may concern and tells each chain's grain (<see cref="IChainGrain.Hear"/>). Keyed 0; it runs on
/// any silo, as many at once as needed, since it keeps nothing.
/// </summary>
public interface IChainDirectoryGrain : IGrainWithIntegerKey
{
    Task InvestorChanged(Guid investorId);

    Task ProjectChanged(Guid projectId);
}

/// <summary>
/// The one line a writer of firms or projects calls after its commit, so every chain's node status
/// and completeness follow: <c>await ChainNews.InvestorChanged(GrainFactory, investorId)</c>,
/// <c>await ChainNews.ProjectChanged(GrainFactory, projectId)</c>. It returns once every chain
/// concerned has rewritten its standing.
/// </summary>
public static class ChainNews
{
    public static Task InvestorChanged(IGrainFactory grains, Guid investorId) => grains.GetGrain<IChainDirectoryGrain>(0).InvestorChanged(investorId);

    public static Task ProjectChanged(IGrainFactory grains, Guid projectId) => grains.GetGrain<IChainDirectoryGrain>(0).ProjectChanged(projectId);
}
