using BizEnv.Invest.Application.Commitments;
using BizEnv.Invest.Application.Commitments.Sweeper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BizEnv.Invest.Infrastructure.Background;

/// <summary>
/// The LISTEN/NOTIFY bridge: one connection per node listens on the breach-alert channel and hands
/// each alert id to <see cref="LiveAlerts"/>. NOTIFY is sent inside the lapse transaction, so pages
/// hear only of alerts that were committed. Reconnects after a broken connection.
/// </summary>
public sealed class BreachAlertListener(NpgsqlDataSource dataSource, LiveAlerts alerts, ILogger<BreachAlertListener> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var cn = await dataSource.OpenConnectionAsync(stoppingToken);
                cn.Notification += (_, e) =>
                {
                    if (Guid.TryParse(e.Payload, out var id))
                        alerts.Publish(id);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {DeadlineSweep.AlertChannel}", cn))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                    await cn.WaitAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Alert listener lost its connection; reconnecting");
                try { await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken); } catch (OperationCanceledException) { }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
