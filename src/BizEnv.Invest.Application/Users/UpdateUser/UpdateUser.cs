using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Handover;
using BizEnv.Invest.Domain.Handover;
using Orleans;

namespace BizEnv.Invest.Application.Users.UpdateUser;

/// <summary>
/// Change a user's name shown, unit, roles and contact details. <see cref="Version"/> is the version
/// the admin saw: if someone changed the user meanwhile the update is refused (409), not merged. A move
/// to another unit hands every open item the user owns to the named <see cref="SuccessorId"/> first (the
/// items stay with the unit they belong to; 新官理旧账), and is refused without one (<see cref="Departure"/>).
/// </summary>
[AllowRoles(Role.Admin)]
public sealed record UpdateUser(Guid Id, string DisplayName, Guid UnitId, IReadOnlyList<Role> Roles, string? Email, string? Phone, int Version,
    Guid? SuccessorId = null) : ICommand<UserDto>, IUserProfile, ICallsGrains;

public sealed class UpdateUserValidator : AbstractValidator<UpdateUser>
{
    public UpdateUserValidator() => Include(new UserProfileValidator());
}

public sealed class UpdateUserHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock, IGrainFactory grains,
    IEnumerable<IHandoverKind> kinds) : IRequestHandler<UpdateUser, UserDto>
{
    public async Task<UserDto> Handle(UpdateUser request, CancellationToken ct)
    {
        audit.Target("user", request.Id);
        var cn = await db.ConnectionAsync(ct);
        await UserUnitCheck.EnsureUnitExists(cn, db.Transaction, request.UnitId, ct);
        // An admin removing their own Admin role would lock everyone out of administration.
        if (request.Id == actor.Actor.UserId && !request.Roles.Contains(Role.Admin))
            throw new DomainException("user.cannot_drop_own_admin");
        var current = await cn.QuerySingleOrDefaultAsync<(string Name, Guid Unit, int Version)?>(new CommandDefinition(
            "SELECT display_name, unit_id, version FROM users WHERE id = @Id", new { request.Id }, db.Transaction, cancellationToken: ct));
        if (current is { } before && before.Version == request.Version && before.Unit != request.UnitId)
            await Departure.HandOverAsync([.. kinds], grains, cn, db.Transaction,
                new DepartureOrder(request.Id, before.Name, HandoverCause.Moved, before.Unit, request.SuccessorId, actor.Actor.UserId!.Value),
                CommandContext.For(actor, audit, request), ct);
        var roles = request.Roles.Distinct().Select(r => r.ToString()).ToArray();
        var changed = await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE users SET display_name = @DisplayName, unit_id = @UnitId, roles = @roles, email = @Email, phone = @Phone,
                   -- a change of roles or unit changes what the user may do: end their sessions
                   security_stamp = CASE WHEN roles IS DISTINCT FROM @roles OR unit_id <> @UnitId THEN gen_random_uuid() ELSE security_stamp END,
                   updated_at = @now, version = version + 1
            WHERE id = @Id AND version = @Version
            """, new
        {
            request.Id,
            DisplayName = request.DisplayName.Trim(),
            request.UnitId,
            roles,
            Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim(),
            Phone = string.IsNullOrWhiteSpace(request.Phone) ? null : request.Phone.Trim(),
            request.Version,
            now = clock.GetUtcNow(),
        }, db.Transaction, cancellationToken: ct));
        if (changed == 0)
            await UserVersionCheck.ThrowMissingOrConflict(cn, db.Transaction, request.Id, ct);
        return (await cn.QuerySingleAsync<UserRow>(new CommandDefinition(UserRow.Select + " WHERE u.id = @Id", new { request.Id }, db.Transaction, cancellationToken: ct))).ToDto();
    }
}
