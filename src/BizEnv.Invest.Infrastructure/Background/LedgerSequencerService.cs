using BizEnv.Invest.Application.Commitments.Ledger.Tree;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BizEnv.Invest.Infrastructure.Background;

/// <summary>
/// Runs the ledger's Merkle sequencer on every node, every Ledger:SequencerIntervalSeconds (default 1); the
/// sequencer's lock lets one node integrate while the others skip. Its first tick integrates whatever an
/// existing database holds, so old ledgers enter the tree with no migration code.
/// </summary>
public sealed class LedgerSequencerService(LedgerSequencer sequencer, IConfiguration configuration, ILogger<LedgerSequencerService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Ledger:SequencerIntervalSeconds", 1.0));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sequencer.IntegrateAllAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Integrating ledger entries into the Merkle tree failed; retrying");
            }
            try { await Task.Delay(interval, stoppingToken); } catch (OperationCanceledException) { }
        }
    }
}
