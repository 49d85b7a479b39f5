using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using BizEnv.Invest.Application.Commitments.Ledger.Tree;
using BizEnv.Invest.Application.Commitments.VerifyLedger;
using Npgsql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BizEnv.Invest.Infrastructure.Background;

/// <summary>
/// Writes the periodic signed ledger checkpoint when one is due (Ledger:CheckpointIntervalMinutes,
/// default 60; one node per interval — <see cref="CheckpointWriter"/> decides under its lock).
/// </summary>
public sealed class LedgerCheckpointService(NpgsqlDataSource dataSource, ICheckpointSigner signer, LedgerSequencer sequencer, TimeProvider clock, IConfiguration configuration,
    ILogger<LedgerCheckpointService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var checkpointEvery = TimeSpan.FromMinutes(configuration.GetValue("Ledger:CheckpointIntervalMinutes", 60.0));
        var poll = TimeSpan.FromSeconds(configuration.GetValue("Ledger:CheckpointPollSeconds", 30.0));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CheckpointWriter.WriteIfDueAsync(dataSource, signer, sequencer, clock.GetUtcNow(), checkpointEvery, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Writing the ledger checkpoint failed; retrying next interval");
            }
            try { await Task.Delay(poll, stoppingToken); } catch (OperationCanceledException) { }
        }
    }
}
