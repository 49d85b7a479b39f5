using BizEnv.Invest.Testing;

namespace BizEnv.Invest.Application.Tests.Cluster;

/// <summary>
/// Two more nodes of the cluster on the fixture's database (three silos in all), each with its own
/// silo, connection pool, application services, alert-hub subscription and <see cref="Commitments.LiveAlerts"/>
/// (what its open pages listen to). Their outbox relays are left to the tests to drive. Each test class
/// that takes it as its class fixture gets a cluster of its own.
/// </summary>
public sealed class TwoMoreNodes : AppFixture, IAsyncLifetime
{
    public ClusterNode A { get; private set; } = default!;
    public ClusterNode B { get; private set; } = default!;

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        A = await ClusterNode.StartAsync(Database.AppConnectionString, Database.OwnerConnectionString, Clock);
        B = await ClusterNode.StartAsync(Database.AppConnectionString, Database.OwnerConnectionString, Clock);
        await Task.WhenAll(A.JoinedAsync(3), B.JoinedAsync(3));
    }

    public override async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await base.DisposeAsync();
    }
}
