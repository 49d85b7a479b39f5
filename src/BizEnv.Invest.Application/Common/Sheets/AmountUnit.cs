namespace BizEnv.Invest.Application.Common.Sheets;

/// <summary>The units money is written in on Chinese sheets. Shown through the string table (amountunit.*).</summary>
public enum AmountUnit
{
    Yuan,
    TenThousandYuan,
    HundredMillionYuan,
}

public static class AmountUnits
{
    public static decimal Factor(this AmountUnit unit) => unit switch
    {
        AmountUnit.TenThousandYuan => 10_000m,
        AmountUnit.HundredMillionYuan => 100_000_000m,
        _ => 1m,
    };

    /// <summary>"元", "万元" or "万", "亿元" or "亿" (after a number or in a header); anything else is not a unit.</summary>
    public static AmountUnit? FromSymbol(string symbol) => symbol switch
    {
        "元" => AmountUnit.Yuan,
        "万元" or "万" => AmountUnit.TenThousandYuan,
        "亿元" or "亿" => AmountUnit.HundredMillionYuan,
        _ => null,
    };
}
