using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BizEnv.Invest.Web.Api;

/// <summary>
/// The OpenAPI document says what the API reads (<see cref="StrictJson"/>): a property is required
/// exactly when the serializer requires it (not nullable, no default).
/// </summary>
public static class OptionalWhenNullable
{
    /// <summary>
    /// Body records nested in an API class are named with it (CommitmentsApi.ReviewBody and
    /// ProjectsApi.ReviewBody are different bodies): by short name alone one schema would describe both.
    /// </summary>
    public static OpenApiOptions AddSchemaNaming(this OpenApiOptions options)
    {
        options.CreateSchemaReferenceId = type =>
            OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id && type.Type.DeclaringType is { } outer ? outer.Name + id : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        return options;
    }

    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        // The serializer's own verdict (StrictJson's modifier) decides, so document and runtime agree.
        if (schema.Required is { Count: > 0 } required && context.JsonTypeInfo.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object)
        {
            foreach (var property in context.JsonTypeInfo.Properties)
            {
                if (!property.IsRequired)
                    required.Remove(property.Name);
            }
        }
        return Task.CompletedTask;
    }
}
