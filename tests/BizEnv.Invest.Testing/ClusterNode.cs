using BizEnv.Invest.Application;
using BizEnv.Invest.Application.Commitments;
using BizEnv.Invest.Application.Commitments.Alerts;
using BizEnv.Invest.Infrastructure;
using BizEnv.Invest.Infrastructure.Background;
using BizEnv.Invest.Infrastructure.Database;
using BizEnv.Invest.Infrastructure.Orleans;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BizEnv.Invest.Testing;

/// <summary>
/// One app process's back end inside the test process: its own silo (as the app configures it, free
/// ports, on the given database), the application services over a connection pool of its own, and
/// the cluster alerts as the web host adds them (hub subscription feeding its <see cref="LiveAlerts"/>,
/// outbox relay). Two of them on one database are two nodes of one cluster. No web server: a page's
/// subscription is <see cref="Live"/>.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private ClusterNode(IHost host, SiloSettings settings)
    {
        Host = host;
        Settings = settings;
    }

    public IHost Host { get; }
    public SiloSettings Settings { get; }
    public IServiceProvider Services => Host.Services;
    public LiveAlerts Live => Services.GetRequiredService<LiveAlerts>();
    public AlertRelay Relay => Services.GetRequiredService<AlertRelay>();
    public Orleans.IGrainFactory Grains => Services.GetRequiredService<Orleans.IGrainFactory>();

    /// <param name="relayIntervalSeconds">The outbox relay's period; the default keeps it out of the way of a test that drives the relay itself.</param>
    /// <param name="siloConnectionString">Where the silo keeps membership and reminders, when not where the application writes (a fault-injecting relay cuts the application only).</param>
    /// <param name="settings">More configuration, over the defaults.</param>
    public static async Task<ClusterNode> StartAsync(string appConnectionString, string? ownerConnectionString, TimeProvider clock, double relayIntervalSeconds = 3600,
        string? siloConnectionString = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Invest"] = appConnectionString,
            ["Ledger:SigningKey"] = TestSigningKey.Sm2,
            ["Alerts:RelayIntervalSeconds"] = relayIntervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ConnectionStrings:InvestSilo"] = siloConnectionString,
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Warning);
            // INVEST_TEST_LOG=1 shows what the node logs (warnings and errors) while a test runs.
            if (Environment.GetEnvironmentVariable("INVEST_TEST_LOG") == "1")
                b.AddSimpleConsole();
        });
        builder.Services.AddInfrastructure(new DatabaseOptions { AppConnectionString = appConnectionString, OwnerConnectionString = ownerConnectionString });
        builder.Services.AddApplication();
        builder.Services.AddSingleton(clock);
        var siloSettings = builder.AddInvestSilo();
        builder.Services.AddClusterServices(); // after the silo, as in the web host
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<AlertHubSubscription>().Subscribed.WaitAsync(TimeSpan.FromSeconds(30));
        return new ClusterNode(host, siloSettings);
    }

    /// <summary>
    /// Waits until this node sees <paramref name="silos"/> active silos, then renews its alert
    /// subscription (before that, a joining node may have subscribed to a short-lived duplicate hub).
    /// </summary>
    public async Task JoinedAsync(int silos)
    {
        var membership = Services.GetRequiredService<Orleans.Runtime.IClusterMembershipService>();
        for (var waited = TimeSpan.Zero; membership.CurrentSnapshot.Members.Values.Count(m => m.Status == Orleans.Runtime.SiloStatus.Active) < silos; waited += TimeSpan.FromMilliseconds(100))
        {
            if (waited > TimeSpan.FromSeconds(30))
                throw new TimeoutException($"{silos} active silos never seen");
            await Task.Delay(100);
        }
        await Services.GetRequiredService<AlertHubSubscription>().RenewAsync();
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Host.StopAsync(timeout.Token);
        Host.Dispose();
    }
}
