using System.Globalization;
using System.Text;
using System.Text.Json;

namespace BizEnv.Invest.Domain.Common;

/// <summary>
/// A reason or message that is stored is stored as a string-table key with its arguments —
/// <c>{"code":"authority.value_exceeds","args":[…]}</c> — and put into words only when it is read
/// (Application's CodedText), so the ledger hashes the code and every reader sees their own language.
/// An enum argument is stored as <c>{"key":"commitmentkind.Land"}</c>; coded text inside coded text nests.
/// </summary>
public static class Coded
{
    public const string Marker = "{\"code\":";

    // Chinese stays readable in the database; the text is never written into HTML as it is stored.
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An argument shown as the string table's words for <paramref name="Value"/>.</summary>
    public sealed record Key(string Value);

    /// <summary>The stored form of <paramref name="code"/> with <paramref name="args"/>.</summary>
    public static string Text(string code, params object?[] args)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("code", code);
            json.WriteStartArray("args");
            foreach (var arg in args)
                WriteArg(json, arg);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteArg(Utf8JsonWriter json, object? arg)
    {
        switch (arg)
        {
            case null: json.WriteNullValue(); break;
            case Enum e: WriteKey(json, $"{e.GetType().Name.ToLowerInvariant()}.{e}"); break;
            case Key k: WriteKey(json, k.Value); break;
            case decimal or int or long or double:
                json.WriteNumberValue(Convert.ToDecimal(arg, CultureInfo.InvariantCulture)); break;
            case DateOnly d: json.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case DateTimeOffset t: json.WriteStringValue(t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)); break;
            case string s when s.StartsWith(Marker, StringComparison.Ordinal) && Single(s) is { } nested:
                using (nested)
                    nested.RootElement.WriteTo(json);
                break;
            default: json.WriteStringValue(Convert.ToString(arg, CultureInfo.InvariantCulture)); break;
        }
    }

    // One coded object nests as JSON; several in a row (a list of counts) stay a string, which the reader renders part by part.
    private static JsonDocument? Single(string s)
    {
        try
        {
            return JsonDocument.Parse(s);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteKey(Utf8JsonWriter json, string key)
    {
        json.WriteStartObject();
        json.WriteString("key", key);
        json.WriteEndObject();
    }

}
