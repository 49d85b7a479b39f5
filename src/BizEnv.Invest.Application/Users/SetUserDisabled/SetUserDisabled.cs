using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Users.SetUserDisabled;

/// <summary>Disable (or re-enable) an account. Disabling ends the user's sessions at once.</summary>
[AllowRoles(Role.Admin)]
public sealed record SetUserDisabled(Guid Id, bool Disabled) : ICommand<Done>;

public sealed class SetUserDisabledHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<SetUserDisabled, Done>
{
    public async Task<Done> Handle(SetUserDisabled request, CancellationToken ct)
    {
        audit.Target("user", request.Id, request.Disabled ? "disable" : "enable");
        if (request.Disabled && request.Id == actor.Actor.UserId)
            throw new DomainException("user.cannot_disable_self");
        var cn = await db.ConnectionAsync(ct);
        var changed = await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE users SET is_disabled = @Disabled, security_stamp = gen_random_uuid(),
                   failed_sign_ins = 0, locked_until = NULL, updated_at = @now, version = version + 1
            WHERE id = @Id
            """, new { request.Id, request.Disabled, now = clock.GetUtcNow() }, db.Transaction, cancellationToken: ct));
        return changed == 1 ? Done.Value : throw new NotFoundException("user", request.Id);
    }
}
