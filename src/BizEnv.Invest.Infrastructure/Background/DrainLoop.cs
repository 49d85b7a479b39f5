using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BizEnv.Invest.Infrastructure.Background;

/// <summary>
/// A queue table's reader on every node: drain it in batches until a batch comes back short, wait
/// the configured interval, repeat. A failed pass changes nothing (the rows stay queued) and is
/// retried next interval, here or by another node.
/// </summary>
public abstract class DrainLoop(IConfiguration configuration, ILogger log) : BackgroundService
{
    /// <summary>Configuration key of the interval in seconds.</summary>
    protected abstract string IntervalKey { get; }

    protected abstract double DefaultIntervalSeconds { get; }

    protected abstract int BatchSize { get; }

    /// <summary>Serves up to <paramref name="batchSize"/> rows; returns how many.</summary>
    protected abstract Task<int> DrainAsync(int batchSize, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue(IntervalKey, DefaultIntervalSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DrainAsync(BatchSize, stoppingToken) == BatchSize) { }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The silo still starting, the database restarting: the rows wait for the next pass.
                log.LogWarning(ex, "{Reader} failed; retrying next interval", GetType().Name);
            }
            try { await Task.Delay(interval, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }
}
