using BizEnv.Invest.Application.Common;
using FluentValidation;

namespace BizEnv.Invest.Application.Agreements;

/// <summary>The signed agreement file: a PDF scan or a photo, at most 10 MB (the column's own limit too).</summary>
public static class SignedFileRules
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const string Accept = ".pdf,.jpg,.jpeg,.png,.webp";

    public static readonly IReadOnlySet<string> AllowedTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "application/pdf", "image/jpeg", "image/png", "image/webp",
    };

    /// <summary>The refusal in words, or null when the file is acceptable (used by the validators and by the page before it sends).</summary>
    public static string? Problem(string? contentType, long size) =>
        size <= 0 ? Localization.Text.Get("file.empty")
        : size > MaxBytes ? Localization.Text.Get("file.too_large", MaxBytes / 1024 / 1024)
        : !AllowedTypes.Contains(contentType ?? "") ? Localization.Text.Get("agreement.file_type") : null;

    /// <summary>The file's rules on a request that carries one (name, type, bytes); a request without bytes carries none.</summary>
    public static void Rules<T>(AbstractValidator<T> v, System.Linq.Expressions.Expression<Func<T, string?>> name,
        System.Linq.Expressions.Expression<Func<T, string?>> type, System.Linq.Expressions.Expression<Func<T, byte[]?>> content)
    {
        var has = content.Compile();
        v.When(x => has(x) is not null, () =>
        {
            v.RuleFor(name).NotEmpty().WithText("file.name_required").MaximumLength(200).WithText("field.too_long", 200);
            v.RuleFor(type).Must(t => AllowedTypes.Contains(t ?? "")).WithText("agreement.file_type");
            v.RuleFor(content).Must(c => c!.Length > 0).WithText("file.empty").Must(c => c!.Length <= MaxBytes).WithText("file.too_large", MaxBytes / 1024 / 1024);
        });
    }
}
