using BizEnv.Invest.Application.Commitments.Sweeper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BizEnv.Invest.Infrastructure.Background;

/// <summary>Every node sweeps: lapse batches until none are left, send due warnings, wait, repeat (Sweeper:IntervalSeconds, default 5).</summary>
public sealed class DeadlineSweeperService(DeadlineSweep sweep, IConfiguration configuration, ILogger<DeadlineSweeperService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Sweeper:IntervalSeconds", 5.0));
        var batch = configuration.GetValue("Sweeper:BatchSize", 100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await sweep.LapseBatchAsync(batch, stoppingToken) == batch) { }
                await sweep.WarnAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed pass (database restart, deadlock) is retried on the next tick; nothing was half-written.
                log.LogWarning(ex, "Deadline sweep failed; retrying next interval");
            }
            try { await Task.Delay(interval, stoppingToken); } catch (OperationCanceledException) { }
        }
    }
}
