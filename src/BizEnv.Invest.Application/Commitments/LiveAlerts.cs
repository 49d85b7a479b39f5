namespace BizEnv.Invest.Application.Commitments;

/// <summary>
/// Breach alerts as they are raised anywhere in the cluster: the LISTEN bridge on each node raises
/// <see cref="Raised"/> for every NOTIFY, and open integrity-office pages re-read their queue.
/// </summary>
public sealed class LiveAlerts
{
    public event Action<Guid>? Raised;

    public void Publish(Guid alertId) => Raised?.Invoke(alertId);
}
