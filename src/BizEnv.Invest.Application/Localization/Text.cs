using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace BizEnv.Invest.Application.Localization;

/// <summary>
/// The product's words, zh-CN first and en-US second, from two embedded JSON tables that share
/// one set of keys. Error codes from the domain are keys here too, so a refusal reads the same
/// in the form, in the API's ProblemDetails and in the audit log.
/// </summary>
public static class Text
{
    public const string Chinese = "zh-CN";
    public const string English = "en-US";
    public static readonly IReadOnlyList<string> Cultures = [Chinese, English];

    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Tables = Load();

    /// <summary>The text for <paramref name="key"/> in the current UI culture; the key itself if it is unknown.</summary>
    public static string Get(string key, params object?[] args)
    {
        var table = Tables[IsEnglish(CultureInfo.CurrentUICulture) ? English : Chinese];
        if (!table.TryGetValue(key, out var text) && !Tables[Chinese].TryGetValue(key, out text))
            return key;
        return args.Length == 0 ? text : string.Format(CultureInfo.CurrentCulture, text, args.Select(Show).ToArray());
    }

    /// <summary>The text for <paramref name="key"/> in one named culture, whatever the current one (e.g. to read Chinese sheet values).</summary>
    public static string? In(string culture, string key) => Tables[culture].TryGetValue(key, out var text) ? text : null;

    public static IReadOnlyCollection<string> Keys(string culture) => Tables[culture].Keys;

    public static string Normalize(string? culture) =>
        culture is not null && culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Chinese;

    /// <summary>Whether the current reader reads English (e.g. to pick a unit's English name in SQL).</summary>
    public static bool IsEnglishNow => IsEnglish(CultureInfo.CurrentUICulture);

    /// <summary>Whether the string tables have <paramref name="key"/>.</summary>
    public static bool Has(string key) => Tables[Chinese].ContainsKey(key);

    private static bool IsEnglish(CultureInfo culture) => culture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    private static object? Show(object? arg) => arg switch
    {
        // Enum values in messages read as words: ProjectStage.Signed → "签约" via key "projectstage.Signed".
        Enum e => Get($"{e.GetType().Name.ToLowerInvariant()}.{e}"),
        Domain.Zones.Quantity q => ShowQuantity(q),
        decimal m => new Number(m),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        string s => CodedText.Render(s), // a stored reason inside a message reads in the same language
        _ => arg,
    };

    /// <summary>
    /// A number in a message: "#,0.##" unless the message says it is money — "{1:money}" — then it reads as every
    /// other amount does (<see cref="MoneyText.Short"/>). The message decides, because a stored reason keeps its
    /// arguments as bare numbers (<see cref="CodedText"/>) and only its words know which of them are yuan.
    /// </summary>
    private sealed record Number(decimal Value) : IFormattable
    {
        public string ToString(string? format, IFormatProvider? provider) =>
            format == "money" ? MoneyText.Short(Value) : Value.ToString("#,0.##", provider);

        public override string ToString() => ToString(null, CultureInfo.CurrentCulture);
    }

    /// <summary>Land as people speak of it (亩), every other resource in its own unit, with thousands separators.</summary>
    public static string ShowQuantity(Domain.Zones.Quantity q) => q.Resource == Domain.Zones.Resource.Land
        ? Get("unit.mu", Math.Round(Domain.Zones.Area.SquareMetresToMu(q.Amount), 2))
        : Get($"unit.{q.Resource.ToString().ToLowerInvariant()}", Math.Round(q.Amount, 2));

    private static FrozenDictionary<string, FrozenDictionary<string, string>> Load()
    {
        var assembly = typeof(Text).Assembly;
        return Cultures.ToFrozenDictionary(c => c, c => Read(assembly, c));
    }

    private static FrozenDictionary<string, string> Read(Assembly assembly, string culture)
    {
        using var stream = assembly.GetManifestResourceStream($"Strings.{culture}.json")
            ?? throw new InvalidOperationException($"Missing embedded string table Strings.{culture}.json");
        var map = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
            ?? throw new InvalidOperationException($"Empty string table Strings.{culture}.json");
        return map.ToFrozenDictionary();
    }
}
