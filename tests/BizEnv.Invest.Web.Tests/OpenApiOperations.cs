using System.Text.Json.Nodes;

namespace BizEnv.Invest.Web.Tests;

/// <summary>One operation of the API's own OpenAPI document, with what it takes.</summary>
public sealed record ApiOperation(string Method, string Path, IReadOnlyList<ApiParameter> Parameters, JsonNode? BodySchema, string? BodyContentType)
{
    public string Key => $"{Method} {Path}";

    /// <summary>The path with every path parameter filled with a well-typed sample (ids name nothing).</summary>
    public string Url(Func<ApiParameter, string>? value = null)
    {
        var url = Path;
        foreach (var p in Parameters.Where(p => p.In == "path"))
            url = url.Replace("{" + p.Name + "}", Uri.EscapeDataString(value?.Invoke(p) ?? p.SampleText()));
        return url;
    }
}

public sealed record ApiParameter(string Name, string In, JsonNode Schema, OpenApiDocument Document)
{
    public string SampleText() => Document.Sample(Schema, "") switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        var node => node?.ToJsonString() ?? "",
    };

    public string? Format => Document.Resolve(Schema)?["format"]?.GetValue<string>();
}

/// <summary>
/// Reads the API's OpenAPI document so tests cover every operation there is — including ones added
/// later — and builds well-typed sample bodies from its schemas (every property present, enums by
/// their first name, dates and ids well formed, text as given).
/// </summary>
public sealed class OpenApiDocument(JsonNode root)
{
    public static async Task<OpenApiDocument> LoadAsync(HttpClient http) =>
        new(JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!);

    public IReadOnlyList<ApiOperation> Operations()
    {
        var list = new List<ApiOperation>();
        foreach (var (path, item) in root["paths"]!.AsObject())
        {
            foreach (var (method, op) in item!.AsObject())
            {
                var parameters = (op!["parameters"]?.AsArray() ?? [])
                    .Select(p => new ApiParameter(p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), p["schema"]!, this))
                    .ToList();
                var content = op["requestBody"]?["content"]?.AsObject().FirstOrDefault();
                list.Add(new ApiOperation(method.ToUpperInvariant(), path, parameters, content?.Value?["schema"], content?.Key));
            }
        }
        return list;
    }

    public JsonNode? Resolve(JsonNode? schema)
    {
        while (schema?["$ref"] is { } reference)
            schema = root["components"]!["schemas"]![reference.GetValue<string>().Split('/').Last()];
        return schema;
    }

    /// <summary>The schema without its null alternative (OpenAPI 3.1 writes nullable as a type list or a oneOf with null).</summary>
    public JsonNode? NonNull(JsonNode? schema)
    {
        schema = Resolve(schema);
        if (schema?["oneOf"] is JsonArray options)
            return NonNull(options.FirstOrDefault(o => o?["type"]?.ToString() != "null"));
        return schema;
    }

    public static bool AllowsNull(JsonNode? schema) =>
        schema?["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null")
        || schema?["oneOf"] is JsonArray options && options.Any(o => o?["type"]?.ToString() == "null");

    public static string? TypeOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
        JsonValue v => v.GetValue<string>(),
        _ => null,
    };

    public IReadOnlyList<string> Required(JsonNode? schema) =>
        NonNull(schema)?["required"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];

    public IReadOnlyList<(string Name, JsonNode Schema)> Properties(JsonNode? schema) =>
        NonNull(schema)?["properties"]?.AsObject().Select(p => (p.Key, p.Value!)).ToList() ?? [];

    /// <summary>
    /// A well-typed value for <paramref name="schema"/>; <paramref name="text"/> for plain strings;
    /// properties that may be null are left out unless <paramref name="optional"/>.
    /// </summary>
    public JsonNode? Sample(JsonNode? schema, string text, bool optional = true, int depth = 0)
    {
        schema = NonNull(schema);
        if (schema is null || depth > 5)
            return null;
        if (schema["enum"] is JsonArray values)
            return values[0]!.DeepClone();
        var type = TypeOf(schema);
        var format = schema["format"]?.GetValue<string>();
        switch (type)
        {
            case "object" or null when schema["properties"] is JsonObject:
                var obj = new JsonObject();
                foreach (var (name, property) in Properties(schema))
                {
                    if (optional || !AllowsNull(property))
                        obj[name] = Sample(property, text, optional, depth + 1);
                }
                return obj;
            case "array":
                var item = Sample(schema["items"], text, optional, depth + 1);
                return item is null ? new JsonArray() : new JsonArray(item);
            case "integer":
                return JsonValue.Create(1);
            case "number":
                return JsonValue.Create(1);
            case "boolean":
                return JsonValue.Create(false);
            case "string":
                return format switch
                {
                    "uuid" => JsonValue.Create(Guid.NewGuid().ToString()),
                    "date" => JsonValue.Create("2026-03-09"),
                    "date-time" => JsonValue.Create("2026-03-09T02:00:00Z"),
                    "byte" => JsonValue.Create(Convert.ToBase64String("%PDF-1.4 test"u8.ToArray())),
                    _ => JsonValue.Create(text),
                };
            default:
                return JsonValue.Create(text);
        }
    }
}
