using Orleans;
using Orleans.Concurrency;

namespace BizEnv.Invest.Application.Commitments.Alerts;

/// <summary>
/// The cluster's breach-alert hub (one activation, key <see cref="Key"/>): every app process keeps one
/// <see cref="IAlertObserver"/> subscribed to it, and a published batch of committed alerts goes to
/// each of them, that is to the open integrity-office pages of every silo. The push only tells pages
/// to re-read: what must not be lost is the alert and its outbox row, written in the lapse transaction.
/// </summary>
public interface IAlertHubGrain : IGrainWithIntegerKey
{
    const long Key = 0;

    /// <summary>Adds (or renews) a process's observer; one not renewed within the hub's expiry is dropped.</summary>
    Task Subscribe(IAlertObserver observer);

    Task Unsubscribe(IAlertObserver observer);

    /// <summary>Tells every subscribed process about alerts whose transaction has committed.</summary>
    Task Publish(RaisedAlerts alerts);
}

/// <summary>One per app process: hands the alerts the hub pushes to that process's <see cref="LiveAlerts"/>.</summary>
public interface IAlertObserver : IGrainObserver
{
    /// <summary>One-way: a slow or dead process never holds up the hub.</summary>
    [OneWay]
    Task Raised(RaisedAlerts alerts);
}

/// <summary>Breach alerts (ids of <c>breach_alerts</c> rows) raised and committed.</summary>
[GenerateSerializer, Immutable, Alias("BizEnv.Invest.RaisedAlerts")]
public sealed record RaisedAlerts([property: Id(0)] Guid[] AlertIds);
