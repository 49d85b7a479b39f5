using System.Globalization;

namespace BizEnv.Invest.Application.Localization;

/// <summary>
/// The one way an amount of money (stored in yuan, numeric(18,2)) is put into words, so that one
/// amount reads the same on every page, in every message and in generated reports.
/// Chinese readers work in 万元, the unit of every 招商 ledger and leader's briefing: "1,234.57 万元".
/// English has no word for 万: an English-reading official reads investment in millions, as in any
/// English annual report ("CNY 12.3457 million"). Both round to 100 yuan (2 decimals of 万, 4 of a
/// million), so switching language never changes what an amount says, only how; trailing zeros are
/// dropped, as officials write "2,000 万元", not "2,000.00 万元". The exact amount to the fen is
/// <see cref="Exact"/> (a tooltip, a form's hint). Forms take money in the same unit the pages show
/// (<see cref="FromTyped"/>), so what an officer types is what the page then says.
/// </summary>
public static class MoneyText
{
    public const decimal YuanPerWan = 10_000m;
    public const decimal YuanPerMillion = 1_000_000m;

    /// <summary>"1,234.57 万元" or "CNY 12.3457 million"; "—" when there is no amount.</summary>
    public static string Short(decimal? yuan) => yuan is { } y
        ? Text.Get("money.short", Math.Round(y / Unit, Decimals, MidpointRounding.AwayFromZero).ToString(Decimals == 2 ? "#,0.##" : "#,0.####", CultureInfo.InvariantCulture))
        : "—";

    /// <summary>Every fen, with separators: "12,345,678.90 元" or "CNY 12,345,678.90"; "—" when there is none.</summary>
    public static string Exact(decimal? yuan) => yuan is { } y
        ? Text.Get("money.exact", Math.Round(y, 2, MidpointRounding.AwayFromZero).ToString("#,0.00", CultureInfo.InvariantCulture))
        : "—";

    /// <summary>The amount as a machine reads it ("12345678.90"), for a data attribute.</summary>
    public static string Invariant(decimal yuan) => Math.Round(yuan, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>An amount typed in a form (in the unit the page shows: 万元, or millions in English) in yuan, to the fen.</summary>
    public static decimal? FromTyped(decimal? typed) => typed is { } t ? Math.Round(t * Unit, 2, MidpointRounding.AwayFromZero) : null;

    /// <summary>Yuan in the form's unit, without trailing zeros, so a form shows "5000", not "5000.000000".</summary>
    public static decimal? ToTyped(decimal? yuan) =>
        yuan is { } y ? decimal.Parse((y / Unit).ToString("0.########", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : null;

    private static decimal Unit => Text.IsEnglishNow ? YuanPerMillion : YuanPerWan;

    private static int Decimals => Text.IsEnglishNow ? 4 : 2;
}
