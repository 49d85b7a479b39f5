using BizEnv.Invest.Application.Commitments.Sweeper;
using BizEnv.Invest.Application.Commitments.VerifyLedger;
using Npgsql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BizEnv.Invest.Infrastructure.Background;

/// <summary>
/// Every node sweeps: lapse batches until none are left, escalate overdue remediation items, send
/// due warnings, write the periodic signed ledger checkpoint when one is due (one node per interval),
/// wait, repeat (Sweeper:IntervalSeconds, default 5; Ledger:CheckpointIntervalMinutes, default 60).
/// </summary>
public sealed class DeadlineSweeperService(DeadlineSweep sweep, NpgsqlDataSource dataSource, CheckpointSigner signer, TimeProvider clock, IConfiguration configuration,
    ILogger<DeadlineSweeperService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Sweeper:IntervalSeconds", 5.0));
        var batch = configuration.GetValue("Sweeper:BatchSize", 100);
        var checkpointEvery = TimeSpan.FromMinutes(configuration.GetValue("Ledger:CheckpointIntervalMinutes", 60.0));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await sweep.LapseBatchAsync(batch, stoppingToken) == batch) { }
                while (await sweep.EscalateRemediationAsync(batch, stoppingToken) == batch) { }
                await sweep.WarnAsync(stoppingToken);
                await CheckpointWriter.WriteIfDueAsync(dataSource, signer, clock.GetUtcNow(), checkpointEvery, stoppingToken);
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
