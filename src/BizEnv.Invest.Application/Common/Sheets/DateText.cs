using System.Globalization;
using System.Text.RegularExpressions;

namespace BizEnv.Invest.Application.Common.Sheets;

public enum DateProblem
{
    None,
    /// <summary>Not a date in any form we know.</summary>
    Unreadable,
    /// <summary>Day and month could be either way round (3/5/2024) or the century is missing (16-5-1): refused, never guessed.</summary>
    Ambiguous,
    /// <summary>The form is right but the day does not exist (2015-13-01, 2023-02-29).</summary>
    NoSuchDay,
}

public sealed record DateReading(DateOnly? Date, DateProblem Problem);

/// <summary>
/// Dates in the forms Chinese sheets use, year first: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 (or 5号),
/// 20240305, 二〇二四年三月五日 (as in official documents), with a time of day ignored; full-width digits; and
/// the day numbers Excel stores for a date cell.
/// </summary>
public static partial class DateText
{
    public static DateReading Read(string text)
    {
        var s = Digits(HalfWidth.Of(text).Trim());
        var match = YearFirst().Match(s);
        if (!match.Success)
            match = Compact().Match(s);
        if (match.Success)
            return Day(match.Groups["y"].Value, match.Groups["m"].Value, match.Groups["d"].Value);
        if (YearLastOrShort().IsMatch(s))
            return new DateReading(null, DateProblem.Ambiguous);
        // Excel keeps a date as days since 1899-12-30. Only five-digit numbers (1927-05-18 to 2173-10-14) are taken
        // as such: a shorter one is far likelier a year or a typo than a date before 1927.
        if (Serial().IsMatch(s) && double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial))
            return new DateReading(DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial))), DateProblem.None);
        return new DateReading(null, DateProblem.Unreadable);
    }

    private static DateReading Day(string year, string month, string day) =>
        DateOnly.TryParseExact($"{year}-{month.PadLeft(2, '0')}-{day.PadLeft(2, '0')}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateReading(date, DateProblem.None)
            : new DateReading(null, DateProblem.NoSuchDay);

    /// <summary>二〇二四年三月五日 → 2024年3月5日: each year digit on its own, month and day with 十 (十二 = 12, 二十五 = 25).</summary>
    private static string Digits(string s)
    {
        var chinese = ChineseDate().Match(s);
        if (!chinese.Success)
            return s;
        var year = string.Concat(chinese.Groups["y"].Value.Select(c => (char)('0' + ChineseDigit(c))));
        return $"{year}年{Number(chinese.Groups["m"].Value)}月{Number(chinese.Groups["d"].Value)}日";
    }

    private static int Number(string s)
    {
        var ten = s.IndexOf('十');
        if (ten < 0)
            return ChineseDigit(s[0]);
        var tens = ten == 0 ? 1 : ChineseDigit(s[0]);
        var units = ten == s.Length - 1 ? 0 : ChineseDigit(s[^1]);
        return tens * 10 + units;
    }

    private static int ChineseDigit(char c) => "〇一二三四五六七八九".IndexOf(c is '零' or 'O' or 'o' ? '〇' : c);

    [GeneratedRegex(@"^(?<y>\d{4})(?:[-/.](?<m>\d{1,2})[-/.](?<d>\d{1,2})|\s*年\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*[日号]?)(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")]
    private static partial Regex YearFirst();

    [GeneratedRegex(@"^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$")]
    private static partial Regex Compact();

    [GeneratedRegex(@"^\d{1,2}[-/.]\d{1,2}[-/.]\d{1,4}$")]
    private static partial Regex YearLastOrShort();

    [GeneratedRegex(@"^\d{5}(?:\.\d+)?$")]
    private static partial Regex Serial();

    [GeneratedRegex(@"^(?<y>[〇零Oo一二三四五六七八九]{4})年(?<m>十[一二]?|[一二三四五六七八九])月(?<d>[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])[日号]$")]
    private static partial Regex ChineseDate();
}
