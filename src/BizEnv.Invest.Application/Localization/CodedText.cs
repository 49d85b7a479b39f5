using System.Globalization;
using System.Text;
using System.Text.Json;
using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Application.Localization;

/// <summary>
/// Puts coded text (<see cref="Coded"/>) into words when it is read. Words that are stored (a pending reason, a notification, why an action was refused) are stored as
/// a string-table key with its arguments — <c>{"code":"authority.value_exceeds","args":[…]}</c> — and
/// put into words when they are read, in the reader's language. What the ledger hashes is therefore
/// the code, not one language's wording. An argument that is an enum or a key is stored as
/// <c>{"key":"commitmentkind.Land"}</c> and an argument that is itself coded text nests.
/// Text stored before codes existed is shown as it is.
/// </summary>
public static class CodedText
{
    private const string Marker = Coded.Marker;

    /// <summary>
    /// Puts stored text into the current UI language: every coded part is replaced by its words,
    /// the rest (a reason an officer typed, text stored before codes) is kept as it is.
    /// </summary>
    public static string? Render(string? stored)
    {
        if (stored is null || !stored.Contains(Marker, StringComparison.Ordinal))
            return stored;
        var text = new StringBuilder();
        var rest = stored.AsSpan();
        while (rest.IndexOf(Marker, StringComparison.Ordinal) is var at and >= 0)
        {
            text.Append(rest[..at]);
            rest = rest[at..];
            if (ReadCoded(rest) is ({ } words, var length))
            {
                text.Append(words);
                rest = rest[length..];
            }
            else
            {
                // Not coded text after all (an officer may type anything): keep it as typed.
                text.Append(rest[..Marker.Length]);
                rest = rest[Marker.Length..];
            }
        }
        return text.Append(rest).ToString();
    }

    // The coded object at the start of the text in words, and how many characters it took; no words if it is not one.
    private static (string? Words, int Length) ReadCoded(ReadOnlySpan<char> text)
    {
        var bytes = Encoding.UTF8.GetBytes(text.ToArray());
        var reader = new Utf8JsonReader(bytes);
        try
        {
            var element = JsonElement.ParseValue(ref reader);
            return (Words(element), Encoding.UTF8.GetCharCount(bytes, 0, (int)reader.BytesConsumed));
        }
        catch (JsonException)
        {
            return (null, 0);
        }
    }

    private static string? Words(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String)
            return null;
        var args = element.TryGetProperty("args", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(Arg).ToArray()
            : [];
        return Text.Get(code.GetString()!, args);
    }

    private static object? Arg(JsonElement arg) => arg.ValueKind switch
    {
        JsonValueKind.Number => arg.GetDecimal(),
        JsonValueKind.String => arg.GetString(),
        JsonValueKind.Object when arg.TryGetProperty("key", out var key) => Text.Get(key.GetString()!),
        JsonValueKind.Object when Words(arg) is { } nested => nested,
        JsonValueKind.Null => null,
        _ => arg.GetRawText(),
    };
}
