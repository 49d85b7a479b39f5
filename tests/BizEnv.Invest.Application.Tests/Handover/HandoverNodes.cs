using BizEnv.Invest.Testing;

namespace BizEnv.Invest.Application.Tests.Handover;

/// <summary>The fixture's node and a second one on the same database: two silos of one cluster, so a handover's grains may live on either.</summary>
public sealed class HandoverNodes : AppFixture, IAsyncLifetime
{
    public ClusterNode Second { get; private set; } = default!;

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Second = await ClusterNode.StartAsync(Database.AppConnectionString, Database.OwnerConnectionString, Clock);
        await Task.WhenAll(Node.JoinedAsync(2), Second.JoinedAsync(2));
    }

    public override async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await base.DisposeAsync();
    }
}
