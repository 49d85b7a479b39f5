using System.Globalization;
using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Web.Components.Pages.Crm;

/// <summary>Small shared helpers of the CRM pages: today in Beijing, 万元 ⇄ 元, stage colours.</summary>
public static class CrmFormat
{
    /// <summary>The forward stages, in order (the board's columns); terminated projects are shown apart.</summary>
    public static readonly IReadOnlyList<ProjectStage> ForwardStages =
        [ProjectStage.Lead, ProjectStage.Negotiating, ProjectStage.Signed, ProjectStage.Registered, ProjectStage.Started, ProjectStage.InProduction];

    /// <summary>Business dates (due dates, stage dates) are Beijing dates.</summary>
    public static DateOnly Today(TimeProvider clock) => BizEnv.Invest.Domain.Common.BeijingTime.Today(clock);

    /// <summary>Amounts are stored in yuan; officers type and read them in 万元 (10,000 yuan).</summary>
    public static decimal? WanToYuan(decimal? wan) => wan is { } w ? Math.Round(w * 10_000m, 2) : null;

    /// <summary>Without trailing zeros, so a form shows "5000", not "5000.000000".</summary>
    public static decimal? YuanToWan(decimal? yuan) =>
        yuan is { } y ? decimal.Parse((y / 10_000m).ToString("0.######", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : null;

    public static string Wan(decimal yuan) => (yuan / 10_000m).ToString("#,##0.##", CultureInfo.InvariantCulture);

    public static string Yuan(decimal yuan) => yuan.ToString("#,##0.##", CultureInfo.InvariantCulture);

    public static string StageColor(ProjectStage stage) => stage switch
    {
        ProjectStage.Lead => "secondary",
        ProjectStage.Negotiating => "info",
        ProjectStage.Signed => "primary",
        ProjectStage.Registered => "primary",
        ProjectStage.Started => "warning",
        ProjectStage.InProduction => "success",
        _ => "dark",
    };

    public static string KeyLevelColor(KeyProjectLevel level) => level switch
    {
        KeyProjectLevel.Provincial => "danger",
        KeyProjectLevel.Municipal => "warning",
        _ => "light",
    };

    /// <summary>The first word of "C3841 锂离子电池制造" (what the industry field shows) is the code.</summary>
    public static string? IndustryCode(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim().Split(' ', 2)[0].ToUpperInvariant();
}
