using BizEnv.Invest.Application.Localization;

namespace BizEnv.Invest.Web.Localization;

/// <summary>Pages write <c>@L["key"]</c>; the words come from the one string table the whole product shares.</summary>
public sealed class L
{
    public string this[string key] => Text.Get(key);

    public string this[string key, params object?[] args] => Text.Get(key, args);

    public bool IsEnglish => System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    /// <summary>Enum values are shown through keys like "role.Admin", "unitkind.Park".</summary>
    public string Enum<T>(T value) where T : struct, System.Enum => Text.Get($"{typeof(T).Name.ToLowerInvariant()}.{value}");
}
