using BizEnv.Invest.Application.Commitments;
using BizEnv.Invest.Infrastructure.Background;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BizEnv.Invest.Application.Tests.Commitments;

public sealed class AlertFanOutTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_lapse_on_one_node_reaches_the_open_pages_of_every_node_within_seconds()
    {
        // Two nodes: each has its own LISTEN bridge (own connection pool) and its own page subscriptions.
        await using var poolA = NpgsqlDataSource.Create(app.Database.AppConnectionString);
        await using var poolB = NpgsqlDataSource.Create(app.Database.AppConnectionString);
        var (pagesA, pagesB) = (new LiveAlerts(), new LiveAlerts());
        using var nodeA = new BreachAlertListener(poolA, pagesA, NullLogger<BreachAlertListener>.Instance);
        using var nodeB = new BreachAlertListener(poolB, pagesB, NullLogger<BreachAlertListener>.Instance);
        var heardA = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        var heardB = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        pagesA.Raised += id => heardA.TrySetResult(id);
        pagesB.Raised += id => heardB.TrySetResult(id);
        await nodeA.StartAsync(default);
        await nodeB.StartAsync(default);
        await Task.Delay(300); // both LISTENs in place

        var (_, alertId) = await app.LapsedBreach(await app.As("officer")); // the sweeper of "a third node" lapses it

        (await heardA.Task.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe(alertId);
        (await heardB.Task.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe(alertId);
        await nodeA.StopAsync(default);
        await nodeB.StopAsync(default);
    }
}
