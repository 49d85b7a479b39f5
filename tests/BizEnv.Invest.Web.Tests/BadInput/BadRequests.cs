using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace BizEnv.Invest.Web.Tests.BadInput;

/// <summary>One malformed request: what is wrong with it, and how to build it.</summary>
public sealed record BadRequest(string What, HttpMethod Method, string Url, Func<HttpContent?> Content)
{
    public HttpRequestMessage Build() => new(Method, Url) { Content = Content() };
}

/// <summary>
/// Generates, for one operation of the OpenAPI document, the bad input a careless or hostile client
/// sends: every query and path parameter wrong in each way its type allows, and a body with missing,
/// extra, null, mistyped, out-of-range, overflowing, control-character and 100,000-character values,
/// malformed JSON, no or the wrong content type — plus a method the path does not take.
/// </summary>
public static class BadRequests
{
    public static readonly string Huge = new('长', 100_000);

    private static readonly string[] AnyText = ["a\u0000b", "\u0007bell", Huge];
    private static readonly string[] Numbers = ["abc", "2147483647", "-2147483648", "99999999999999999999", "1e400", "-1"];
    private static readonly string[] Dates = ["0001-01-01", "9999-12-31", "-infinity", "2026-02-30", "abc"];
    private static readonly string[] Ids = ["abc", "00000000-0000-0000-0000-000000000000"];

    /// <summary>
    /// The bad requests for <paramref name="op"/>. Each field gets null and a third of its bad values —
    /// which third turns with <paramref name="turn"/> — so walks with turns 0, 1 and 2 (e.g. three roles)
    /// send every bad value of every field between them, at a third of the cost each.
    /// </summary>
    public static IEnumerable<BadRequest> For(ApiOperation op, OpenApiDocument doc, int turn)
    {
        bool Mine(int field, int value) => (field + value + turn) % 3 == 0;
        var method = new HttpMethod(op.Method);
        var baseBody = op.BodySchema is null ? null : doc.Sample(op.BodySchema, "样例");
        string Url() => op.Url();

        // Parameters, one at a time, the rest left well formed (or out).
        foreach (var (p, f) in op.Parameters.Select((p, f) => (p, f)))
        {
            foreach (var (value, v) in ValuesFor(doc.NonNull(p.Schema), doc).Select((value, v) => (value, v)))
            {
                if (!Mine(f, v))
                    continue;
                var url = p.In == "path"
                    ? op.Url(q => q == p ? value : q.SampleText())
                    : $"{Url()}?{p.Name}={Uri.EscapeDataString(value)}";
                yield return new($"{p.In} {p.Name}={Show(value)}", method, url, () => Json(baseBody));
            }
        }

        if (op.BodyContentType == "multipart/form-data")
        {
            yield return new("json instead of a file", method, Url(), () => Json(new JsonObject()));
            yield return new("multipart without a file", method, Url(), () => new MultipartFormDataContent { { new StringContent("x"), "other" } });
            yield return new("garbage file", method, Url(), () =>
            {
                var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Huge));
                file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                return new MultipartFormDataContent { { file, "file", "x.xlsx" } };
            });
        }
        else if (baseBody is JsonObject body)
        {
            yield return new("well-typed body, ids naming nothing", method, Url(), () => Json(body));
            foreach (var required in doc.Required(op.BodySchema))
                yield return new($"missing {required}", method, Url(), () => Json(Without(body, required)));
            yield return new("extra field", method, Url(), () => Json(With(body, "notAField", JsonValue.Create(1))));
            foreach (var ((name, schema), f) in doc.Properties(op.BodySchema).Select((p, f) => (p, f)))
            {
                yield return new($"{name}=null", method, Url(), () => Json(With(body, name, null)));
                foreach (var (value, v) in BodyValuesFor(doc.NonNull(schema), doc).Select((value, v) => (value, v)))
                {
                    if (Mine(f, v))
                        yield return new($"{name}={Show(value?.ToJsonString())}", method, Url(), () => Json(With(body, name, value)));
                }
            }
            yield return new("malformed JSON", method, Url(), () => Raw("{\"a\":", "application/json"));
            yield return new("JSON array body", method, Url(), () => Raw("[]", "application/json"));
            yield return new("JSON null body", method, Url(), () => Raw("null", "application/json"));
            yield return new("empty body", method, Url(), () => Raw("", "application/json"));
            yield return new("no content type", method, Url(), () => Raw(body.ToJsonString(), null));
            yield return new("text/plain", method, Url(), () => Raw(body.ToJsonString(), "text/plain"));
        }
        else if (op.Method != "GET")
        {
            yield return new("unexpected body", method, Url(), () => Raw("{\"a\":1}", "application/json"));
        }

        var wrong = op.Method == "PATCH" ? HttpMethod.Delete : HttpMethod.Patch;
        yield return new($"method {wrong}", wrong, Url(), () => null);
    }

    private static IEnumerable<string> ValuesFor(JsonNode? schema, OpenApiDocument doc)
    {
        if (schema?["enum"] is not null)
            return ["Nope", "1", "a\u0000b"];
        return (OpenApiDocument.TypeOf(schema), schema?["format"]?.GetValue<string>()) switch
        {
            ("integer" or "number", _) => Numbers,
            ("boolean", _) => ["maybe", "2"],
            ("string", "uuid") => Ids,
            ("string", "date" or "date-time") => Dates,
            _ => AnyText,
        };
    }

    private static IEnumerable<JsonNode?> BodyValuesFor(JsonNode? schema, OpenApiDocument doc)
    {
        if (schema?["enum"] is not null)
            return [JsonValue.Create("Nope"), JsonValue.Create(1), JsonValue.Create("a\u0000b")];
        return (OpenApiDocument.TypeOf(schema), schema?["format"]?.GetValue<string>()) switch
        {
            ("integer", _) => [JsonValue.Create("abc"), JsonValue.Create(2147483648L), JsonValue.Create(-2147483649L), JsonValue.Create(1.5)],
            ("number", _) => [JsonValue.Create("abc"), JsonValue.Parse("1e400"), JsonValue.Create(99999999999999999999.99m), JsonValue.Create(-1)],
            ("boolean", _) => [JsonValue.Create("yes"), JsonValue.Create(1)],
            ("string", "uuid") => [JsonValue.Create("abc"), JsonValue.Create(Guid.Empty.ToString()), JsonValue.Create(1)],
            ("string", "date" or "date-time") => Dates.Select(d => (JsonNode?)JsonValue.Create(d)).Append(JsonValue.Create(20260101)),
            ("array", _) => [new JsonArray((JsonNode?)null), JsonValue.Create("x"), new JsonObject()],
            ("object", _) => [JsonValue.Create("x"), new JsonArray()],
            _ => AnyText.Select(t => (JsonNode?)JsonValue.Create(t)).Append(JsonValue.Create(1)).Append(new JsonObject()),
        };
    }

    internal static JsonObject Without(JsonObject body, string name)
    {
        var copy = (JsonObject)body.DeepClone();
        copy.Remove(name);
        return copy;
    }

    internal static JsonObject With(JsonObject body, string name, JsonNode? value)
    {
        var copy = (JsonObject)body.DeepClone();
        copy[name] = value?.DeepClone();
        return copy;
    }

    private static HttpContent? Json(JsonNode? body) => body is null ? null : Raw(body.ToJsonString(), "application/json");

    private static HttpContent Raw(string text, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        if (contentType is not null)
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    private static string Show(string? value) =>
        value is null ? "null" : value.Length > 30 ? $"<{value.Length} chars>" : value.Replace("\u0000", "\\0").Replace("\u0007", "\\a");
}
