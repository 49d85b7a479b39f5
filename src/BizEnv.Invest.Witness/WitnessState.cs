using System.Text.Json;

namespace BizEnv.Invest.Witness;

/// <summary>
/// The last checkpoint this witness cosigned: its size, root and note, and the cosignature line it made (re-sent when the
/// app did not get it). Written whole to a temporary file and renamed over the old one, so a crash leaves one or the other.
/// </summary>
public sealed record WitnessState(long Size, string Root, string Note, string Cosignature, DateTimeOffset CosignedAt)
{
    public byte[] RootBytes => Convert.FromBase64String(Root);

    public static WitnessState? Load(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<WitnessState>(File.ReadAllText(path), JsonSerializerOptions.Web) : null;

    public void Save(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, new JsonSerializerOptions(JsonSerializerOptions.Web) { WriteIndented = true }));
        File.Move(temporary, full, overwrite: true);
    }
}
