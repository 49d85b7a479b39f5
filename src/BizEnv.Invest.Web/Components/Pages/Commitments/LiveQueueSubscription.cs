using BizEnv.Invest.Application.Commitments;

namespace BizEnv.Invest.Web.Components.Pages.Commitments;

/// <summary>
/// A component's subscription to the breach-alert queue: alerts raised anywhere in the cluster
/// (<see cref="LiveAlerts"/>, fed by the cluster's alert hub on a background thread) and this circuit's own
/// triage (<see cref="AlertQueueSignal"/>). A burst of events becomes one refresh, run on the
/// component's own dispatcher (InvokeAsync) with the ids that arrived; nothing a page does can
/// throw back into the listener that raised the event. Dispose in the component's Dispose.
/// </summary>
public sealed class LiveQueueSubscription : IDisposable
{
    private readonly LiveAlerts _alerts;
    private readonly AlertQueueSignal? _signal;
    private readonly Func<Func<Task>, Task> _invoke;
    private readonly Func<IReadOnlyCollection<Guid>, Task> _refresh;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private HashSet<Guid> _raised = [];
    private bool _queued;
    private bool _disposed;

    public LiveQueueSubscription(LiveAlerts alerts, AlertQueueSignal? signal, Func<Func<Task>, Task> invoke,
        Func<IReadOnlyCollection<Guid>, Task> refresh, ILogger log)
    {
        _alerts = alerts;
        _signal = signal;
        _invoke = invoke;
        _refresh = refresh;
        _log = log;
        alerts.Raised += OnRaised;
        if (signal is not null)
            signal.Changed += OnChanged;
    }

    private void OnRaised(Guid alertId)
    {
        lock (_gate)
            _raised.Add(alertId);
        Queue();
    }

    private void OnChanged() => Queue();

    /// <summary>Asks for a refresh from anywhere (e.g. after a navigation); coalesced with any pending one.</summary>
    public void Refresh() => Queue();

    private void Queue()
    {
        lock (_gate)
        {
            if (_queued || _disposed)
                return;
            _queued = true;
        }
        _ = RefreshAsync();
    }

    private async Task RefreshAsync()
    {
        try
        {
            await _invoke(async () =>
            {
                HashSet<Guid> raised;
                lock (_gate)
                {
                    raised = _raised;
                    _raised = [];
                    _queued = false;
                    if (_disposed)
                        return;
                }
                await _refresh(raised);
            });
        }
        catch (Exception ex)
        {
            // A closed circuit or a failed read: the page shows the queue as last read; the next alert tries again.
            lock (_gate)
                _queued = false;
            _log.LogWarning(ex, "Live refresh of the breach-alert queue failed");
        }
    }

    public void Dispose()
    {
        lock (_gate)
            _disposed = true;
        _alerts.Raised -= OnRaised;
        if (_signal is not null)
            _signal.Changed -= OnChanged;
    }
}
