using BizEnv.Invest.Infrastructure.Orleans;
using BizEnv.Invest.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BizEnv.Invest.Application.Tests.Cluster;

/// <summary>
/// A silo configured exactly as the app configures its own (<see cref="SiloSetup.AddInvestSilo"/>: the
/// ADO.NET providers on the test class's database, free ports, the production membership timings), in
/// a host of its own inside the test process (<see cref="SiloProcess"/> is the one a test kills).
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private TestSilo(IHost host, SiloSettings settings)
    {
        Host = host;
        Settings = settings;
    }

    public IHost Host { get; }
    public SiloSettings Settings { get; }
    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>"127.0.0.1:port", as in the membership table.</summary>
    public string Endpoint => $"{Settings.AdvertisedIP}:{Settings.SiloPort}";

    public static async Task<TestSilo> StartAsync(TestDatabase database)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Invest"] = database.AppConnectionString,
        });
        var settings = builder.AddInvestSilo();
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host, settings);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Host.StopAsync(timeout.Token);
        Host.Dispose();
    }
}
