using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Handover;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Handover;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Users.SetUserDisabled;

/// <summary>
/// Disable (or re-enable) an account. Disabling ends the user's sessions at once. A user who owns open
/// items (promises, concierge cases, demands …) is disabled only with a named <see cref="SuccessorId"/>:
/// every item passes to them through a handover 新官理旧账 (<see cref="Departure"/>), which commits before
/// this command does — should this one then fail, the items stay with the successor and the account
/// stays enabled, and the handover's record says why.
/// </summary>
[AllowRoles(Role.Admin)]
public sealed record SetUserDisabled(Guid Id, bool Disabled, Guid? SuccessorId = null) : ICommand<Done>, ICallsGrains;

public sealed class SetUserDisabledHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock, IGrainFactory grains,
    IEnumerable<IHandoverKind> kinds) : IRequestHandler<SetUserDisabled, Done>
{
    public async Task<Done> Handle(SetUserDisabled request, CancellationToken ct)
    {
        audit.Target("user", request.Id, request.Disabled ? "disable" : "enable");
        if (request.Disabled && request.Id == actor.Actor.UserId)
            throw new DomainException("user.cannot_disable_self");
        var cn = await db.ConnectionAsync(ct);
        var user = await cn.QuerySingleOrDefaultAsync<(string Name, Guid Unit)?>(new CommandDefinition(
            "SELECT display_name, unit_id FROM users WHERE id = @Id", new { request.Id }, db.Transaction, cancellationToken: ct))
            ?? throw new NotFoundException("user", request.Id);
        if (request.Disabled)
            await Departure.HandOverAsync([.. kinds], grains, cn, db.Transaction,
                new DepartureOrder(request.Id, user.Name, HandoverCause.Disabled, user.Unit, request.SuccessorId, actor.Actor.UserId!.Value),
                CommandContext.For(actor, audit, request), ct);
        await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE users SET is_disabled = @Disabled, security_stamp = gen_random_uuid(),
                   failed_sign_ins = 0, locked_until = NULL, updated_at = @now, version = version + 1
            WHERE id = @Id
            """, new { request.Id, request.Disabled, now = clock.GetUtcNow() }, db.Transaction, cancellationToken: ct));
        return Done.Value;
    }
}
