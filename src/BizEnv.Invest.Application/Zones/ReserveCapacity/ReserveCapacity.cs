using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm.Projects;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Domain.Zones;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Zones.ReserveCapacity;

/// <summary>
/// A project reserves capacity in a zone: firmly from signing on, or earlier as "intended". Both
/// hold the capacity until released; a terminated project releases everything it held.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record ReserveCapacity(Guid ProjectId, Guid ZoneId, Resource Resource, decimal Amount, bool Intended) : ICommand<Guid>;

public sealed class ReserveCapacityValidator : AbstractValidator<ReserveCapacity>
{
    public ReserveCapacityValidator()
    {
        RuleFor(x => x.Resource).IsInEnum().WithText("capacity.resource_unknown");
        RuleFor(x => x.Amount).GreaterThan(0).WithText("capacity.amount_positive").LessThan(1_000_000_000_000m).WithText("field.amount_too_large");
    }
}

public sealed class ReserveCapacityHandler(IDbSession db, ActorContext actor, IAuditTrail audit, CapacityGuard guard, TimeProvider clock)
    : IRequestHandler<ReserveCapacity, Guid>
{
    public async Task<Guid> Handle(ReserveCapacity r, CancellationToken ct)
    {
        audit.Target("zone", r.ZoneId, $"reserve {r.Resource} {r.Amount} for {r.ProjectId}");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        var project = await ProjectLoad.ForWrite(cn, tx, actor.Actor, r.ProjectId, ct);
        var stage = Enum.Parse<ProjectStage>(project.Stage);
        if (stage == ProjectStage.Terminated)
            throw new DomainException("project.terminated");
        if (!r.Intended && !ProjectStages.IsSignedOrLater(stage))
            throw ValidationText.FieldError(nameof(r.Intended), "reservation.firm_needs_signing");
        var now = clock.GetUtcNow();
        var id = await guard.Reserve(cn, tx, r.ZoneId, r.ProjectId, r.Resource, r.Amount, r.Intended, null, actor.Actor.UserId!.Value, now, null, ct);
        // The first zone a project reserves in becomes its target zone if it had none.
        await cn.ExecuteAsync(new CommandDefinition("UPDATE projects SET zone_id = coalesce(zone_id, @ZoneId), updated_at = @now, version = version + 1 WHERE id = @ProjectId",
                new { r.ZoneId, r.ProjectId, now }, tx, cancellationToken: ct));
        return id;
    }
}
