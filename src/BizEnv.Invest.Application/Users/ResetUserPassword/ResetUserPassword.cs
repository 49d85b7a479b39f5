using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Identity;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Users.ResetUserPassword;

/// <summary>
/// An admin sets a temporary password: the lock is lifted, every session of the user ends and the
/// user must choose a new password at the next sign-in.
/// </summary>
[AllowRoles(Role.Admin)]
public sealed record ResetUserPassword(Guid Id, string TemporaryPassword) : ICommand<Done>;

public sealed class ResetUserPasswordValidator : AbstractValidator<ResetUserPassword>
{
    // The user name is not known to the validator; the handler-side check below covers equality with it.
    public ResetUserPasswordValidator() => RuleFor(x => x.TemporaryPassword).MustBeStrongPassword(_ => null);
}

public sealed class ResetUserPasswordHandler(IDbSession db, IAuditTrail audit, Passwords passwords, TimeProvider clock)
    : IRequestHandler<ResetUserPassword, Done>
{
    public async Task<Done> Handle(ResetUserPassword request, CancellationToken ct)
    {
        audit.Target("user", request.Id, "reset-password");
        var cn = await db.ConnectionAsync(ct);
        var userName = await cn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT user_name FROM users WHERE id = @Id FOR UPDATE", new { request.Id }, db.Transaction, cancellationToken: ct))
            ?? throw new NotFoundException("user", request.Id);
        if (PasswordPolicy.Check(request.TemporaryPassword, userName).Contains("password.equals_user_name"))
            throw Common.ValidationText.FieldError(nameof(request.TemporaryPassword), "password.equals_user_name");
        await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE users SET password_hash = @hash, must_change_password = true, security_stamp = gen_random_uuid(),
                   failed_sign_ins = 0, locked_until = NULL, updated_at = @now, version = version + 1
            WHERE id = @Id
            """, new { request.Id, hash = passwords.Hash(request.TemporaryPassword), now = clock.GetUtcNow() }, db.Transaction, cancellationToken: ct));
        return Done.Value;
    }
}
