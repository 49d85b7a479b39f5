using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BizEnv.Invest.Web.Api;

/// <summary>The OpenAPI document's schemas say exactly what the API reads (<see cref="StrictJson"/>).</summary>
public static class OpenApiSchemas
{
    /// <summary>
    /// Body records nested in an API class are named with it (CommitmentsApi.ReviewBody and
    /// ProjectsApi.ReviewBody are different bodies): by short name alone one schema would describe both.
    /// </summary>
    public static OpenApiOptions AddSchemaNaming(this OpenApiOptions options)
    {
        options.CreateSchemaReferenceId = type => OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id && type.Type.DeclaringType is { } outer
            ? outer.Name + id
            : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        return options;
    }

    /// <summary>A property is required exactly when the serializer requires it (not nullable, no default).</summary>
    public static Task RequiredAsTheSerializerReads(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (schema.Required is { Count: > 0 } required && context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
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
