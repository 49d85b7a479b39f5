using BizEnv.Invest.Application.Commitments;
using BizEnv.Invest.Application.Commitments.Alerts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace BizEnv.Invest.Infrastructure.Background;

/// <summary>
/// This process's ear on the cluster: one observer object subscribed to the alert hub grain, renewed
/// every <see cref="Renewal"/> (well inside the hub's expiry), handing each pushed alert id to this
/// process's <see cref="LiveAlerts"/> once — the hub may repeat a batch (a replay after it moved, a
/// relay's retry), so ids already passed on in the last minutes are dropped here. When the cluster's
/// membership changes (a silo joined or died — perhaps the hub's) it renews at once rather than at
/// the next period: a process that joined may have subscribed to a short-lived duplicate of the hub
/// before it knew the other silos, and a hub whose silo died starts afresh with no observers.
/// </summary>
public sealed class AlertHubSubscription(IGrainFactory grains, IClusterMembershipService membership, LiveAlerts live, ILogger<AlertHubSubscription> log)
    : BackgroundService, IAlertObserver
{
    /// <summary>How often the subscription is renewed (the hub drops it after a minute without).</summary>
    public static readonly TimeSpan Renewal = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);

    private readonly Dictionary<Guid, DateTime> _seen = [];
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _membershipChanged = new(0);
    private IAlertObserver? _reference;

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

    private IAlertHubGrain Hub => grains.GetGrain<IAlertHubGrain>(IAlertHubGrain.Key);

    /// <summary>Renews the subscription now (tests: once their cluster has formed).</summary>
    public Task RenewAsync() => Hub.Subscribe(_reference ?? throw new InvalidOperationException("the subscription has not started"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The reference is weak on Orleans' side: this singleton holds the object, the reference is kept to renew it.
        var reference = _reference = grains.CreateObjectReference<IAlertObserver>(this);
        var hub = Hub;
        var watch = WatchMembershipAsync(stoppingToken);
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
                try
                {
                    if (await _membershipChanged.WaitAsync(wait, stoppingToken))
                    {
                        // Let the grain directory settle on the new membership, then renew once for the whole burst of changes.
                        await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                        while (_membershipChanged.Wait(0)) { }
                    }
                }
                catch (OperationCanceledException) { }
            }
        }
        finally
        {
            await watch;
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

    private async Task WatchMembershipAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var _ in membership.MembershipUpdates.WithCancellation(stoppingToken))
                _membershipChanged.Release();
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            // Without the watch the periodic renewal still heals the subscription.
            log.LogWarning(ex, "Watching the cluster membership failed; renewing the alert subscription on its period only");
        }
    }
}
