namespace BizEnv.Invest.Web.Components.Pages.Commitments;

/// <summary>
/// Per circuit (scoped): the integrity page says here when it has triaged an alert, so the count in
/// the navigation of the same browser tab follows at once. Alerts raised anywhere come through
/// <see cref="Application.Commitments.LiveAlerts"/> instead.
/// </summary>
public sealed class AlertQueueSignal
{
    public event Action? Changed;

    public void Notify() => Changed?.Invoke();
}
