namespace BizEnv.Invest.Application.Commitments;

/// <summary>
/// Breach alerts as they are raised anywhere in the cluster: this process's subscription to the alert
/// hub grain raises <see cref="Raised"/> once for every committed alert, and open integrity-office
/// pages re-read their queue.
/// </summary>
public sealed class LiveAlerts
{
    public event Action<Guid>? Raised;

    /// <summary>Each page hears of the alert even if another page's handler fails: one bad subscriber must not silence the rest.</summary>
    public void Publish(Guid alertId)
    {
        foreach (var handler in Raised?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<Guid>)handler)(alertId);
            }
            catch (Exception)
            {
                // A page that cannot refresh stays as it is; the others still update.
            }
        }
    }
}
