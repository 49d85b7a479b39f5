using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Auth.ChangeOwnPassword;

/// <summary>
/// A user changes their own password (and must, on first sign-in to an account an admin created).
/// A new security stamp ends every other session of the user.
/// </summary>
public sealed record ChangeOwnPassword(string CurrentPassword, string NewPassword, string ConfirmPassword) : ICommand<SessionUser>;

public sealed class ChangeOwnPasswordValidator : AbstractValidator<ChangeOwnPassword>
{
    public ChangeOwnPasswordValidator(ActorContext actor)
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().WithText("password.current_required");
        RuleFor(x => x.NewPassword).MustBeStrongPassword(_ => actor.Actor.UserName);
        RuleFor(x => x.NewPassword).NotEqual(x => x.CurrentPassword).WithText("password.same_as_current")
            .When(x => !string.IsNullOrEmpty(x.NewPassword));
        RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword).WithText("password.confirm_mismatch");
    }
}

public sealed class ChangeOwnPasswordHandler(IDbSession db, ActorContext actor, IAuditTrail audit, Passwords passwords, TimeProvider clock)
    : IRequestHandler<ChangeOwnPassword, SessionUser>
{
    public async Task<SessionUser> Handle(ChangeOwnPassword request, CancellationToken ct)
    {
        var id = actor.Actor.UserId ?? throw new UnauthenticatedException();
        audit.Target("user", id);
        var cn = await db.ConnectionAsync(ct);
        var row = await cn.QuerySingleOrDefaultAsync<SessionUserRow>(new CommandDefinition(
            SessionUserSql.Select + " WHERE u.id = @id FOR UPDATE OF u", new { id }, db.Transaction, cancellationToken: ct))
            ?? throw new NotFoundException("user", id);
        if (passwords.Verify(row.PasswordHash, request.CurrentPassword) == PasswordCheck.Wrong)
            throw ValidationText.FieldError(nameof(request.CurrentPassword), "password.current_wrong");

        var stamp = Guid.NewGuid();
        await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE users SET password_hash = @hash, must_change_password = false, security_stamp = @stamp,
                   updated_at = @now, version = version + 1
            WHERE id = @id
            """, new { id, hash = passwords.Hash(request.NewPassword), stamp, now = clock.GetUtcNow() }, db.Transaction, cancellationToken: ct));
        return row.ToSessionUser() with { MustChangePassword = false, SecurityStamp = stamp };
    }
}
