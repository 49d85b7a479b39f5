using BizEnv.Invest.Application.Commitments.Promises;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BizEnv.Invest.Infrastructure.Background;

/// <summary>
/// The reader of the re-arming queue on every node with a silo: every Grains:RearmIntervalSeconds
/// (default 2) it hands queued promises to their grains (<see cref="DeadlineRearm"/>). It decides
/// nothing about deadlines: the grains do, and their reminders wake them.
/// </summary>
public sealed class DeadlineRearmService(DeadlineRearm rearm, IConfiguration configuration, ILogger<DeadlineRearmService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Grains:RearmIntervalSeconds", 2.0));
        const int batch = 200;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await rearm.DrainAsync(batch, stoppingToken) == batch) { }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The rows stay queued: the next pass (here or on another node) serves them.
                log.LogWarning(ex, "Re-arming promise deadlines failed; retrying next interval");
            }
            try { await Task.Delay(interval, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }
}
