using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;

namespace BizEnv.Invest.Application.Users;

/// <summary>The fields a user has whether being created or updated; one set of rules for both.</summary>
public interface IUserProfile
{
    string DisplayName { get; }
    Guid UnitId { get; }
    IReadOnlyList<Role> Roles { get; }
    string? Email { get; }
    string? Phone { get; }
}

public sealed class UserProfileValidator : AbstractValidator<IUserProfile>
{
    public UserProfileValidator()
    {
        RuleFor(x => x.DisplayName).NotEmpty().WithText("user.display_name_required")
            .MaximumLength(50).WithText("field.too_long", 50);
        RuleFor(x => x.UnitId).NotEmpty().WithText("user.unit_required");
        RuleFor(x => x.Roles).NotEmpty().WithText("user.roles_required");
        RuleForEach(x => x.Roles).IsInEnum().WithText("user.role_unknown");
        RuleFor(x => x.Email).EmailAddress().WithText("field.email_format").MaximumLength(100).WithText("field.too_long", 100)
            .When(x => !string.IsNullOrWhiteSpace(x.Email));
        RuleFor(x => x.Phone).Matches(@"^[0-9+\-() ]{5,20}$").WithText("field.phone_format")
            .When(x => !string.IsNullOrWhiteSpace(x.Phone));
    }
}

internal static class UserUnitCheck
{
    public static async Task EnsureUnitExists(Npgsql.NpgsqlConnection cn, Npgsql.NpgsqlTransaction? tx, Guid unitId, CancellationToken ct)
    {
        var exists = await Dapper.SqlMapper.ExecuteScalarAsync<bool>(cn, new Dapper.CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM units WHERE id = @unitId)", new { unitId }, tx, cancellationToken: ct));
        if (!exists)
            throw ValidationText.FieldError(nameof(IUserProfile.UnitId), "user.unit_unknown");
    }
}
