using BizEnv.Invest.Application.Commitments.Alerts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BizEnv.Invest.Infrastructure.Background;

/// <summary>
/// The outbox's safety net on every node: every Alerts:RelayIntervalSeconds (default 2) push whatever
/// committed alert no one has pushed yet — the lapsing process died between its commit and its own
/// push, or its push failed. Relays on several nodes never push one row twice (see <see cref="AlertRelay"/>).
/// </summary>
public sealed class AlertOutboxRelayService(AlertRelay relay, IConfiguration configuration, ILogger<AlertOutboxRelayService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Alerts:RelayIntervalSeconds", 2.0));
        const int batch = 500;
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await Task.Delay(interval, stoppingToken); } catch (OperationCanceledException) { return; }
            try
            {
                while (await relay.RelayPendingAsync(batch, stoppingToken) == batch) { }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The silo still starting, the database restarting: the rows wait for the next pass.
                log.LogWarning(ex, "Relaying breach alerts failed; retrying next interval");
            }
        }
    }
}
