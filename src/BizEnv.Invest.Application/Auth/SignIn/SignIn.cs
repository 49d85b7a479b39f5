using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Audit;
using BizEnv.Invest.Application.Identity;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Application.Common;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Auth.SignIn;

/// <summary>
/// Checks a user name and password. Not an <see cref="ICommand{T}"/>: a wrong password must still
/// commit the failure count (that is what locks an account), so this handler owns its transaction
/// and writes its own audit row, for successes and failures alike.
/// </summary>
[Anonymous]
public sealed record SignIn(string UserName, string Password) : IRequest<SignInResult>, IAcceptsAnyInput;

public sealed class SignInValidator : AbstractValidator<SignIn>
{
    public SignInValidator()
    {
        RuleFor(x => x.UserName).NotEmpty().WithText("signin.user_name_required");
        RuleFor(x => x.Password).NotEmpty().WithText("signin.password_required");
    }
}

public enum SignInStatus
{
    Succeeded,
    WrongCredentials,
    LockedOut,
    Disabled,
}

public sealed record SignInResult(SignInStatus Status, SessionUser? User = null, DateTimeOffset? LockedUntil = null);

public sealed class SignInHandler(IDbSession db, ActorContext actor, Passwords passwords, AuditWriter audit, TimeProvider clock)
    : IRequestHandler<SignIn, SignInResult>
{
    // Verifying against a real hash even for unknown names keeps response time from revealing which names exist.
    private static readonly Lazy<string> DecoyHash = new(() => new Passwords().Hash(Guid.NewGuid().ToString()));

    public async Task<SignInResult> Handle(SignIn request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var cn = await db.ConnectionAsync(ct);
        await db.BeginAsync(ct);
        // A name no account can have (too long, control characters) is an unknown user without asking the database.
        var row = !Plausible(request.UserName) ? null : await cn.QuerySingleOrDefaultAsync<SessionUserRow>(new CommandDefinition(
            SessionUserSql.Select + " WHERE lower(u.user_name) = lower(@name) FOR UPDATE OF u",
            new { name = request.UserName.Trim() }, db.Transaction, cancellationToken: ct));

        var (result, outcome) = row is null ? Unknown(request) : await Evaluate(row, request, now, ct);

        await audit.WriteAsync(cn, db.Transaction, new AuditEntry(
            row?.Id, row?.UserName ?? request.UserName.Trim(), row is null ? "" : string.Join(",", row.Roles.Order()),
            AuditActions.SignIn, "user", row?.Id.ToString(), outcome, null, actor.Actor.ClientIp), ct);
        await db.CommitAsync(ct);
        return result;
    }

    private static bool Plausible(string name) => name.Length <= 100 && !name.Any(char.IsControl);

    private (SignInResult, string) Unknown(SignIn request)
    {
        passwords.Verify(DecoyHash.Value, request.Password);
        return (new SignInResult(SignInStatus.WrongCredentials), "failure:unknown-user");
    }

    private async Task<(SignInResult, string)> Evaluate(SessionUserRow row, SignIn request, DateTimeOffset now, CancellationToken ct)
    {
        if (SignInLockout.IsLocked(row.LockedUntil, now))
            return (new SignInResult(SignInStatus.LockedOut, LockedUntil: row.LockedUntil), "failure:locked");

        var check = passwords.Verify(row.PasswordHash, request.Password);
        if (check == PasswordCheck.Wrong)
        {
            var (failures, lockedUntil) = SignInLockout.AfterFailure(row.FailedSignIns, now);
            await Update("failed_sign_ins = @failures, locked_until = @lockedUntil", new { row.Id, failures, lockedUntil }, ct);
            return lockedUntil is null
                ? (new SignInResult(SignInStatus.WrongCredentials), "failure:wrong-password")
                : (new SignInResult(SignInStatus.LockedOut, LockedUntil: lockedUntil), "failure:wrong-password-locked");
        }
        if (row.IsDisabled)
            return (new SignInResult(SignInStatus.Disabled), "failure:disabled");

        var rehash = check == PasswordCheck.OkRehash ? passwords.Hash(request.Password) : row.PasswordHash;
        await Update("failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = @now, password_hash = @rehash",
            new { row.Id, now, rehash }, ct);
        return (new SignInResult(SignInStatus.Succeeded, row.ToSessionUser()), "success");
    }

    private async Task Update(string set, object args, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        await cn.ExecuteAsync(new CommandDefinition($"UPDATE users SET {set} WHERE id = @Id", args, db.Transaction, cancellationToken: ct));
    }
}
