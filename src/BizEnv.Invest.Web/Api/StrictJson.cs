using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace BizEnv.Invest.Web.Api;

/// <summary>
/// How the API reads JSON: a value the domain needs is never defaulted. A constructor parameter
/// that is neither nullable nor given a default is required (a promise without its made-on date or
/// its kind is a 400 naming the field, not 0001-01-01 or "Land"); null is refused where the type says
/// not-null; enums are read by name only (an integer is no kind); an unknown property is refused
/// rather than silently dropped (a misspelt "made_on" would otherwise lose its value; names match case-insensitively).
/// </summary>
public static class StrictJson
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.RespectNullableAnnotations = true;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(RequireWhatTheTypeRequires);
    }

    private static void RequireWhatTheTypeRequires(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
            return;
        foreach (var property in type.Properties)
        {
            // Only types the API reads (records); a response's anonymous type has nothing to require.
            if (property.AssociatedParameter is { HasDefaultValue: false, IsNullable: false } && property.Set is not null)
                property.IsRequired = true;
        }
    }
}
