using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Units.SetUnitHead;

/// <summary>
/// Names the head 负责人 of a unit (an active member of it), or clears it. The head is warned with the
/// promiser and the concierge pair before a promise of the unit falls due.
/// </summary>
[AllowRoles(Role.Admin)]
public sealed record SetUnitHead(Guid UnitId, Guid? HeadUserId) : ICommand<Done>;

public sealed class SetUnitHeadHandler(IDbSession db, IAuditTrail audit) : IRequestHandler<SetUnitHead, Done>
{
    public async Task<Done> Handle(SetUnitHead r, CancellationToken ct)
    {
        audit.Target("unit", r.UnitId, r.HeadUserId is null ? "head cleared" : $"head {r.HeadUserId}");
        var cn = await db.ConnectionAsync(ct);
        if (r.HeadUserId is { } head && !await cn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM users WHERE id = @head AND unit_id = @UnitId AND NOT is_disabled)", new { head, r.UnitId }, db.Transaction, cancellationToken: ct)))
            throw ValidationText.FieldError(nameof(r.HeadUserId), "unit.head_not_member");
        var changed = await cn.ExecuteAsync(new CommandDefinition(
            "UPDATE units SET head_user_id = @HeadUserId, version = version + 1 WHERE id = @UnitId", r, db.Transaction, cancellationToken: ct));
        return changed == 1 ? Done.Value : throw new NotFoundException("unit", r.UnitId);
    }
}
