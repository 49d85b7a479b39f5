using System.Text.RegularExpressions;

namespace BizEnv.Invest.Application.Common.Sheets;

/// <summary>
/// A header cell as it is compared: half-width, without any space, and without a money-unit suffix,
/// which is kept apart — "承诺 金额（万元）", "承诺金额(万元)", "承诺金额/万元" and "承诺金额【单位：万元】"
/// all name the column 承诺金额, in 万元.
/// </summary>
public sealed partial record HeaderName(string Key, AmountUnit? Unit)
{
    public static HeaderName Parse(string text)
    {
        var compact = HalfWidth.Compact(text);
        var suffix = UnitSuffix().Match(compact);
        return suffix.Success && suffix.Index > 0
            ? new HeaderName(compact[..suffix.Index], AmountUnits.FromSymbol(suffix.Groups["unit"].Value))
            : new HeaderName(compact, null);
    }

    [GeneratedRegex(@"(?:[(\[【](?:单位:)?(?<unit>元|万元|亿元)[)\]】]|/(?<unit>元|万元|亿元))$")]
    private static partial Regex UnitSuffix();
}
