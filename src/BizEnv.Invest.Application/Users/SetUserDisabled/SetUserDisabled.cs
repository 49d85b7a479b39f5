using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Crm.Projects.Grain;
using Orleans;

namespace BizEnv.Invest.Application.Users.SetUserDisabled;

/// <summary>
/// Disable (or re-enable) an account. Disabling ends the user's sessions at once, and an officer
/// leaves every concierge pair they serve at once: each project's grain ends the assignment with the
/// reason and the other officer serves alone, so the gap list shows the project now, not later.
/// </summary>
[AllowRoles(Role.Admin)]
public sealed record SetUserDisabled(Guid Id, bool Disabled) : ICommand<Done>;

public sealed class SetUserDisabledHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock, IGrainFactory grains)
    : IRequestHandler<SetUserDisabled, Done>
{
    public async Task<Done> Handle(SetUserDisabled request, CancellationToken ct)
    {
        audit.Target("user", request.Id, request.Disabled ? "disable" : "enable");
        if (request.Disabled && request.Id == actor.Actor.UserId)
            throw new DomainException("user.cannot_disable_self");
        var cn = await db.ConnectionAsync(ct);
        var name = await cn.ExecuteScalarAsync<string?>(new CommandDefinition("""
            UPDATE users SET is_disabled = @Disabled, security_stamp = gen_random_uuid(),
                   failed_sign_ins = 0, locked_until = NULL, updated_at = @now, version = version + 1
            WHERE id = @Id
            RETURNING display_name
            """, new { request.Id, request.Disabled, now = clock.GetUtcNow() }, db.Transaction, cancellationToken: ct))
            ?? throw new NotFoundException("user", request.Id);
        if (request.Disabled)
            await LeaveConciergePairsAsync(request, name, ct);
        return Done.Value;
    }

    /// <summary>
    /// Each project the officer serves hears it from its grain (the single writer of its pair), one
    /// transaction each with its own audit row. They commit before this command does: should this
    /// one then fail, the officer stays enabled but off those pairs, and the history says why.
    /// </summary>
    private async Task LeaveConciergePairsAsync(SetUserDisabled request, string name, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var projects = await ProjectBook.ServedByAsync(cn, db.Transaction, request.Id, ct);
        if (projects.Count == 0)
            return;
        var reason = Localization.Text.Get("concierge.officer_disabled", name);
        var context = CommandContext.For(actor, audit, request) with { IdempotencyKey = null, Fingerprint = [] };
        foreach (var project in projects)
        {
            var reply = await grains.GetGrain<IProjectGrain>(project).OfficerLeft(new OfficerDeparture(request.Id, reason, actor.Actor.UserId!.Value),
                context with { ObjectType = "project", ObjectId = project.ToString(), Detail = reason });
            reply.Result<bool>();
        }
    }
}
