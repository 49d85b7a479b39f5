using System.Globalization;
using System.Text.RegularExpressions;

namespace BizEnv.Invest.Application.Common.Sheets;

/// <summary>An amount as read from a cell: its value in the unit the import stores, and whether the cell needed reading at all.</summary>
/// <param name="CellUnit">The unit written in the cell itself ("120万元"), if any; otherwise the column's unit applied.</param>
/// <param name="Plain">The cell was a bare number already in the stored unit: nothing to tell the officer.</param>
public sealed record AmountReading(decimal Value, AmountUnit? CellUnit, bool Plain);

/// <summary>
/// Amounts as people type them: thousands separators ("1,234.5", full-width "1，234.5"), full-width
/// digits, a leading ¥, and a unit in the cell ("120万元", "120万", "1,200,000元") or else in the header.
/// Separators must group by three: "12,34" may be a European decimal comma, so it is refused, not guessed.
/// </summary>
public static partial class AmountText
{
    /// <summary>The amount in <paramref name="stored"/> units, or null when the text is not an amount.</summary>
    /// <param name="columnUnit">The unit the header gives (the stored unit when the header gives none).</param>
    public static AmountReading? Read(string text, AmountUnit columnUnit, AmountUnit stored)
    {
        var shape = Shape().Match(HalfWidth.Compact(text));
        if (!shape.Success)
            return null;
        var cellUnit = shape.Groups["unit"].Success ? AmountUnits.FromSymbol(shape.Groups["unit"].Value) : null;
        try
        {
            var number = decimal.Parse(shape.Groups["number"].Value.Replace(",", ""), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            var value = number * (cellUnit ?? columnUnit).Factor() / stored.Factor();
            if (shape.Groups["minus"].Success)
                value = -value;
            var plain = cellUnit is null && columnUnit == stored && BareNumber().IsMatch(text.Trim());
            return new AmountReading(value, cellUnit, plain);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^(?<minus>-)?¥?(?<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?<unit>元|万元|万|亿元|亿)?$")]
    private static partial Regex Shape();

    [GeneratedRegex(@"^-?[0-9]+(?:\.[0-9]+)?$")]
    private static partial Regex BareNumber();
}
