using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Web.Components.Pages.Crm;

/// <summary>Small shared helpers of the CRM pages: today in Beijing, stage colours (money: MoneyText).</summary>
public static class CrmFormat
{
    /// <summary>The forward stages, in order (the board's columns); terminated projects are shown apart.</summary>
    public static readonly IReadOnlyList<ProjectStage> ForwardStages =
        [ProjectStage.Lead, ProjectStage.Negotiating, ProjectStage.Signed, ProjectStage.Registered, ProjectStage.Started, ProjectStage.InProduction];

    /// <summary>Business dates (due dates, stage dates) are Beijing dates.</summary>
    public static DateOnly Today(TimeProvider clock) => BizEnv.Invest.Domain.Common.BeijingTime.Today(clock);

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
