using BizEnv.Invest.Application.Crm.Projects.AttachProjectFile;
using Microsoft.AspNetCore.Components.Forms;

namespace BizEnv.Invest.Web.Components.Pages.Crm;

/// <summary>
/// An evidence file chosen in the browser, checked against the server's limits before anything is
/// sent: a stage change and its evidence are two commands, so a file the server would refuse must be
/// caught before the stage moves.
/// </summary>
public static class EvidenceFile
{
    public const string Accept = ".jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".png"] = "image/png", [".webp"] = "image/webp", [".pdf"] = "application/pdf",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    /// <summary>Browsers sometimes send no type (or a generic one) for Office files: the extension decides then.</summary>
    public static string ContentType(IBrowserFile file) =>
        AttachProjectFileValidator.AllowedTypes.Contains(file.ContentType) ? file.ContentType
        : ByExtension.GetValueOrDefault(Path.GetExtension(file.Name), file.ContentType);

    /// <summary>The refusal the server would give, as a message; null when the file is acceptable.</summary>
    public static string? Problem(IBrowserFile file)
    {
        if (file.Size == 0)
            return Application.Localization.Text.Get("file.empty");
        if (file.Size > AttachProjectFileValidator.MaxBytes)
            return Application.Localization.Text.Get("file.too_large", AttachProjectFileValidator.MaxBytes / 1024 / 1024);
        if (!AttachProjectFileValidator.AllowedTypes.Contains(ContentType(file)))
            return Application.Localization.Text.Get("file.type_not_allowed");
        return null;
    }

    public static async Task<byte[]> ReadAsync(IBrowserFile file)
    {
        await using var stream = file.OpenReadStream(AttachProjectFileValidator.MaxBytes);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
