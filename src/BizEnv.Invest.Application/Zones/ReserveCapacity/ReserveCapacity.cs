using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Zones.Grain;
using BizEnv.Invest.Application.Crm;
using Orleans;
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
public sealed record ReserveCapacity(Guid ProjectId, Guid ZoneId, Resource Resource, decimal Amount, bool Intended) : ICommand<Guid>, IGrainCommand;

public sealed class ReserveCapacityValidator : AbstractValidator<ReserveCapacity>
{
    public ReserveCapacityValidator()
    {
        RuleFor(x => x.Resource).IsInEnum().WithText("capacity.resource_unknown");
        RuleFor(x => x.Amount).GreaterThan(0).WithText("capacity.amount_positive").LessThan(1_000_000_000_000m).WithText("field.amount_too_large");
    }
}

public sealed class ReserveCapacityHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<ReserveCapacity, Guid>
{
    public async Task<Guid> Handle(ReserveCapacity r, CancellationToken ct)
    {
        audit.Target("zone", r.ZoneId, $"reserve {r.Resource} {r.Amount} for {r.ProjectId}");
        var cn = await db.ConnectionAsync(ct);
        var project = await ProjectLoad.ForRead(cn, actor.Actor, r.ProjectId, ct);
        CrmAccess.EnsureWrite(actor.Actor, project.UnitId, "project", r.ProjectId);
        var stage = Enum.Parse<ProjectStage>(project.Stage);
        if (stage == ProjectStage.Terminated)
            throw new DomainException("project.terminated");
        if (!r.Intended && !ProjectStages.IsSignedOrLater(stage))
            throw ValidationText.FieldError(nameof(r.Intended), "reservation.firm_needs_signing");
        var reply = await grains.GetGrain<IZoneGrain>(r.ZoneId).Reserve(
            new ZoneReservation(r.ProjectId, r.Resource, r.Amount, r.Intended, actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<Guid>();
    }
}
