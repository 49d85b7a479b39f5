using System.Text.Json;
using System.Text.RegularExpressions;

namespace BizEnv.Invest.Web.Errors;

/// <summary>
/// A request the framework could not read (a parameter that does not parse, a body that is not JSON,
/// a required field missing, an unknown field, a wrong content type) told as field errors, so the
/// caller learns which field to mend — never an empty 400 and never a 500.
/// </summary>
public static partial class RequestReadProblems
{
    /// <summary>The status and either field errors or one general code for a request that could not be read.</summary>
    public static (int Status, Dictionary<string, string[]>? Fields, string Code, object[] Args) Explain(BadHttpRequestException e)
    {
        if (e.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return (415, null, "error.unsupported_media_type", []);
        if (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            return (413, null, "error.payload_too_large", []);
        if (e.InnerException is JsonException json)
            return (400, FromJson(json), "error.malformed_json", [Short(json.Message)]);
        var bind = BindFailure().Match(e.Message);
        if (bind.Success)
            return (400, Field(bind.Groups["name"].Value, "field.invalid_value"), "", []);
        var missing = MissingParameter().Match(e.Message);
        if (missing.Success)
            return missing.Groups["source"].Value == "body"
                ? (400, null, "error.body_required", [])
                : (400, Field(missing.Groups["name"].Value, "field.required"), "", []);
        return (400, null, "error.bad_request", []);
    }

    private static Dictionary<string, string[]>? FromJson(JsonException e)
    {
        var message = e.Message;
        // System.Text.Json names every missing required property in one message.
        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            var within = FieldOf(e.Path) is { } parent ? parent + "." : "";
            var names = QuotedNames().Matches(message[message.IndexOf("including", StringComparison.Ordinal)..]).Select(m => within + m.Groups[1].Value).ToList();
            if (names.Count > 0)
                return names.ToDictionary(n => n, _ => new[] { Application.Localization.Text.Get("field.required") });
        }
        var field = FieldOf(e.Path);
        if (field is null)
            return null; // malformed JSON as a whole: the general message says where
        var key = message.Contains("could not be mapped", StringComparison.Ordinal) ? "field.unknown"
            : message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("allow", StringComparison.Ordinal) ? "field.required"
            : e.InnerException is FormatException or OverflowException && message.Contains("Decimal", StringComparison.Ordinal) ? "field.amount_too_large"
            : "field.invalid_value";
        return Field(field, key);
    }

    /// <summary>"$.demands[0].owner" → "demands[0].owner"; the root ("$") names no field.</summary>
    private static string? FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static Dictionary<string, string[]> Field(string name, string key) =>
        new() { [CamelCase(name)] = [Application.Localization.Text.Get(key)] };

    private static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    // The parser's own words say where the JSON broke; keep them short and free of type names.
    private static string Short(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        return text.Length > 200 ? text[..200] : text;
    }

    [GeneratedRegex("""Failed to bind parameter "(?:[^"]*\s)?(?<name>[A-Za-z_][A-Za-z0-9_]*)" from""")]
    private static partial Regex BindFailure();

    [GeneratedRegex("""Required parameter "(?:[^"]*\s)?(?<name>[A-Za-z_][A-Za-z0-9_]*)" was not provided from (?<source>[a-z ]+?)\.""")]
    private static partial Regex MissingParameter();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedNames();
}
