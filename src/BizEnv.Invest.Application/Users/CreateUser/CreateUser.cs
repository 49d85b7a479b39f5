using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Identity;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Users.CreateUser;

/// <summary>An admin creates an account with a first password the user must change at first sign-in.</summary>
[AllowRoles(Role.Admin)]
public sealed record CreateUser(
    string UserName, string DisplayName, Guid UnitId, IReadOnlyList<Role> Roles, string? Email, string? Phone, string InitialPassword)
    : ICommand<UserDto>, IUserProfile;

public sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator()
    {
        RuleFor(x => x.UserName).MustBeValidUserName();
        Include(new UserProfileValidator());
        RuleFor(x => x.InitialPassword).MustBeStrongPassword(x => x.UserName);
    }
}

public sealed class CreateUserHandler(IDbSession db, IAuditTrail audit, Passwords passwords, TimeProvider clock)
    : IRequestHandler<CreateUser, UserDto>
{
    public async Task<UserDto> Handle(CreateUser request, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        await UserUnitCheck.EnsureUnitExists(cn, db.Transaction, request.UnitId, ct);
        var id = Guid.NewGuid();
        audit.Target("user", id, request.UserName);
        var now = clock.GetUtcNow();
        var inserted = await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO users (id, user_name, display_name, unit_id, roles, email, phone, password_hash, must_change_password,
                               security_stamp, created_at, updated_at)
            VALUES (@id, @UserName, @DisplayName, @UnitId, @roles, @Email, @Phone, @hash, true, @stamp, @now, @now)
            ON CONFLICT DO NOTHING
            """, new
        {
            id,
            UserName = request.UserName.Trim(),
            DisplayName = request.DisplayName.Trim(),
            request.UnitId,
            roles = request.Roles.Distinct().Select(r => r.ToString()).ToArray(),
            Email = Blank(request.Email),
            Phone = Blank(request.Phone),
            hash = passwords.Hash(request.InitialPassword),
            stamp = Guid.NewGuid(),
            now,
        }, db.Transaction, cancellationToken: ct));
        if (inserted == 0)
            throw ValidationText.FieldError(nameof(request.UserName), "user.user_name_taken", request.UserName.Trim());
        return (await cn.QuerySingleAsync<UserRow>(new CommandDefinition(UserRow.Select + " WHERE u.id = @id", new { id }, db.Transaction, cancellationToken: ct))).ToDto();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
