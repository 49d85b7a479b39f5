using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BizEnv.Invest.Infrastructure.Seeding;

/// <summary>
/// The demo data that needs the silo (demo promises past due lapse through their grains; the
/// integrity office's case is then worked through the same requests people use). Runs in the host's
/// start, after the silo's and before the web server's, so the first page served shows it; once only
/// (<see cref="IntegrityDemoSeeder.Marker"/>). Only when demo data is loaded (Demo:Seed).
/// </summary>
public sealed class DemoGrainWork(IntegrityDemoSeeder integrity, IConfiguration configuration, ILogger<DemoGrainWork> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Demo:Seed"))
            return;
        if (await integrity.SeedAsync(cancellationToken))
            log.LogInformation("Demo integrity work loaded");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
