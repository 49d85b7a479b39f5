using System.Globalization;
using System.Text.RegularExpressions;

namespace BizEnv.Invest.Domain.Crm;

/// <summary>A project's unified number 统一编号, e.g. HC-2026-0042: unit prefix, year, sequence. Kept for life.</summary>
public static partial class UnifiedNumber
{
    public static string Format(string unitCode, int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{unitCode}-{year:D4}-{sequence:D4}");

    public static bool IsWellFormed(string number) => Pattern().IsMatch(number);

    [GeneratedRegex("^[A-Z][A-Z0-9]{1,9}-[0-9]{4}-[0-9]{4,}$")]
    private static partial Regex Pattern();
}
