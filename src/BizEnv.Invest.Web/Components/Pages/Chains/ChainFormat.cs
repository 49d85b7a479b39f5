using System.Globalization;
using BizEnv.Invest.Domain.Chains;

namespace BizEnv.Invest.Web.Components.Pages.Chains;

/// <summary>Colours and figures the chain pages share: one colour per node status everywhere (graph, list, badges).</summary>
public static class ChainFormat
{
    public static readonly IReadOnlyList<ChainSegment> Segments = Enum.GetValues<ChainSegment>();

    public static string StatusColor(ChainNodeStatus status) => status switch
    {
        ChainNodeStatus.Strong => "success",
        ChainNodeStatus.Weak => "warning",
        _ => "danger",
    };

    public static string TargetColor(ChainTargetStatus status) => status switch
    {
        ChainTargetStatus.Identified => "secondary",
        ChainTargetStatus.Contacted => "info",
        ChainTargetStatus.Negotiating => "primary",
        ChainTargetStatus.Signed => "success",
        _ => "dark",
    };

    public static string LabelColor(ChainTargetLabel label) => label switch
    {
        ChainTargetLabel.Fill => "danger",
        ChainTargetLabel.Strengthen => "warning",
        _ => "info",
    };

    /// <summary>The Beijing date of an instant (when a target was entered).</summary>
    public static string Day(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, BizEnv.Invest.Domain.Common.BeijingTime.Zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Percent(decimal percent) => percent.ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>Comma-separated codes as typed ("c384, C3841") → the list the commands take.</summary>
    public static IReadOnlyList<string> Codes(string? text) =>
        (text ?? "").Split([',', '，', ' ', '、', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
