using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.FairCompetition.SetReviewingUnit;

/// <summary>An admin names the unit whose users record fair-competition opinions (e.g. the legal office 法规处); null: none.</summary>
[AllowRoles(Role.Admin)]
public sealed record SetReviewingUnit(Guid? UnitId) : ICommand<Done>;

public sealed class SetReviewingUnitHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<SetReviewingUnit, Done>
{
    public async Task<Done> Handle(SetReviewingUnit r, CancellationToken ct)
    {
        audit.Target("fair-review-unit", r.UnitId);
        var cn = await db.ConnectionAsync(ct);
        if (r.UnitId is { } unit && !await cn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM units WHERE id = @unit)", new { unit }, db.Transaction, cancellationToken: ct)))
            throw ValidationText.FieldError(nameof(r.UnitId), "fairreview.unit_unknown");
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO fair_competition_settings (only_row, reviewing_unit_id, updated_at, updated_by) VALUES (true, @UnitId, @now, @by)
            ON CONFLICT (only_row) DO UPDATE SET reviewing_unit_id = excluded.reviewing_unit_id, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, new { r.UnitId, now = clock.GetUtcNow(), by = actor.Actor.UserId }, db.Transaction, cancellationToken: ct));
        return Done.Value;
    }
}
