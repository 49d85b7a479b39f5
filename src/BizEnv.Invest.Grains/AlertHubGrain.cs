using BizEnv.Invest.Application.Commitments.Alerts;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Utilities;

namespace BizEnv.Invest.Grains;

/// <summary>
/// The cluster's alert hub: keeps one observer per app process (renewed by it every
/// <see cref="Renewal"/>, dropped after <see cref="Expiry"/> without renewal, so a dead silo's
/// observer simply lapses) and pushes each published batch to all of them, one-way. It holds no
/// durable state: if its silo dies it is activated afresh elsewhere and the processes' renewals find
/// it; what they missed meanwhile it replays to each observer that arrives within the expiry window.
/// </summary>
public sealed class AlertHubGrain(ILogger<AlertHubGrain> log) : Grain, IAlertHubGrain
{
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Renewal = TimeSpan.FromSeconds(10);

    private readonly ObserverManager<IAlertObserver> _observers = new(Expiry, log);
    private readonly Queue<(DateTime At, RaisedAlerts Alerts)> _recent = new();

    public Task Subscribe(IAlertObserver observer)
    {
        var known = _observers.Observers.ContainsKey(observer);
        _observers.Subscribe(observer, observer);
        if (!known)
        {
            // A process new to this activation (just started, or the hub itself just moved after its
            // silo died): hand it the alerts pushed within the expiry window, which it may have missed.
            // The process drops ids it has already passed on.
            ForgetOld();
            foreach (var (_, alerts) in _recent)
                observer.Raised(alerts).Ignore();
        }
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IAlertObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task Publish(RaisedAlerts alerts)
    {
        ForgetOld();
        _recent.Enqueue((DateTime.UtcNow, alerts));
        await _observers.Notify(o => o.Raised(alerts));
    }

    private void ForgetOld()
    {
        while (_recent.TryPeek(out var oldest) && DateTime.UtcNow - oldest.At > Expiry)
            _recent.Dequeue();
    }
}
