using System.Text.Json;
using Orleans.Storage;

namespace BizEnv.Invest.Infrastructure.Orleans;

/// <summary>
/// Grain state stored as plain System.Text.Json, without .NET type names: renaming or moving a state
/// class does not orphan the rows already written (the providers' default JSON embeds type names).
/// Property names are camelCase; renaming a property is a data migration like any column rename.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) =>
        input.ToObjectFromJson<T>(Options) ?? throw new JsonException($"Stored grain state for {typeof(T).Name} is JSON null");
}
