using BizEnv.Invest.Domain.Agreements;
using BizEnv.Invest.Web.Localization;

namespace BizEnv.Invest.Web.Components.Pages.Agreements;

/// <summary>How an obligation's progress reads: a milestone by the day it was reached, a target as "figure / target unit".</summary>
public static class AgreementFormat
{
    public static string Progress(L l, ObligationKind kind, decimal? progress, decimal? target, string? unit, DateOnly? reachedOn) =>
        ObligationKinds.IsMilestone(kind)
            ? reachedOn is { } day ? l["agreement.reached_on", day.ToString("yyyy-MM-dd")] : l["agreement.not_reached"]
            : $"{(progress is { } p ? Number(p) : "—")} / {(target is { } t ? Number(t) : "—")} {unit}";

    private static string Number(decimal value) => value.ToString("#,0.##", System.Globalization.CultureInfo.CurrentCulture);
}
