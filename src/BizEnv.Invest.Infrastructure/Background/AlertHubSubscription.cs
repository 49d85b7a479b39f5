using BizEnv.Invest.Application.Commitments;
using BizEnv.Invest.Application.Commitments.Alerts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;

namespace BizEnv.Invest.Infrastructure.Background;

/// <summary>
/// This process's ear on the cluster: one observer object subscribed to the alert hub grain, renewed
/// every <see cref="Renewal"/> (well inside the hub's expiry), handing each pushed alert id to this
/// process's <see cref="LiveAlerts"/> once — the hub may repeat a batch (a replay after it moved, a
/// relay's retry), so ids already passed on in the last minutes are dropped here.
/// </summary>
public sealed class AlertHubSubscription(IGrainFactory grains, LiveAlerts live, ILogger<AlertHubSubscription> log) : BackgroundService, IAlertObserver
{
    /// <summary>How often the subscription is renewed (the hub drops it after a minute without).</summary>
    public static readonly TimeSpan Renewal = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);

    private readonly Dictionary<Guid, DateTime> _seen = [];
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first subscription is in place (tests and the benchmark wait on it).</summary>
    public Task Subscribed => _subscribed.Task;

    public Task Raised(RaisedAlerts alerts)
    {
        var fresh = new List<Guid>(alerts.AlertIds.Length);
        lock (_seen)
        {
            var now = DateTime.UtcNow;
            foreach (var stale in _seen.Where(s => now - s.Value > RememberFor).Select(s => s.Key).ToList())
                _seen.Remove(stale);
            foreach (var id in alerts.AlertIds)
                if (_seen.TryAdd(id, now))
                    fresh.Add(id);
        }
        foreach (var id in fresh)
            live.Publish(id);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The reference is weak on Orleans' side: this singleton holds the object, the reference is kept to renew it.
        var reference = grains.CreateObjectReference<IAlertObserver>(this);
        var hub = grains.GetGrain<IAlertHubGrain>(IAlertHubGrain.Key);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = Renewal;
                try
                {
                    await hub.Subscribe(reference);
                    _subscribed.TrySetResult();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The silo still starting, or the hub's silo just died: try again soon.
                    if (_subscribed.Task.IsCompleted)
                        log.LogWarning(ex, "Renewing the alert subscription failed; retrying");
                    wait = TimeSpan.FromSeconds(1);
                }
                try { await Task.Delay(wait, stoppingToken); } catch (OperationCanceledException) { }
            }
        }
        finally
        {
            try
            {
                await hub.Unsubscribe(reference).WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch (Exception)
            {
                // Shutting down: the hub drops the observer at its expiry anyway.
            }
            grains.DeleteObjectReference<IAlertObserver>(reference);
        }
    }
}
