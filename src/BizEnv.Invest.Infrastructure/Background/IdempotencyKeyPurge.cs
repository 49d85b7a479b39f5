using BizEnv.Invest.Application.Idempotency;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BizEnv.Invest.Infrastructure.Background;

/// <summary>
/// Deletes idempotency keys past their 24-hour lifetime, hourly on every node (Idempotency:PurgeIntervalMinutes).
/// Housekeeping only: an expired key is already treated as new when it is claimed, so a missed or
/// failed purge (database down) changes no answer; the next one catches up.
/// </summary>
public sealed class IdempotencyKeyPurge(IdempotencyStore store, TimeProvider clock, IConfiguration configuration, ILogger<IdempotencyKeyPurge> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(configuration.GetValue("Idempotency:PurgeIntervalMinutes", 60.0));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var purged = await store.PurgeExpiredAsync(stoppingToken);
                if (purged > 0)
                    log.LogInformation("Purged {Count} expired idempotency keys", purged);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Purging expired idempotency keys failed; retrying next interval");
            }
            try { await Task.Delay(interval, clock, stoppingToken); } catch (OperationCanceledException) { }
        }
    }
}
