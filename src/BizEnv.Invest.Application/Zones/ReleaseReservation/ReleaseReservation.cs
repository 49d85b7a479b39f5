using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Zones.Grain;
using BizEnv.Invest.Application.Crm;
using Orleans;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm.Projects;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Zones.ReleaseReservation;

/// <summary>Give reserved capacity back to the zone, with a reason (the reservation stays on record as released).</summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record ReleaseReservation(Guid ReservationId, string Reason) : ICommand<Done>, IGrainCommand;

public sealed class ReleaseReservationValidator : AbstractValidator<ReleaseReservation>
{
    public ReleaseReservationValidator() =>
        RuleFor(x => x.Reason).NotEmpty().WithText("reservation.release_reason_required").MaximumLength(500).WithText("field.too_long", 500);
}

public sealed class ReleaseReservationHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<ReleaseReservation, Done>
{
    public async Task<Done> Handle(ReleaseReservation r, CancellationToken ct)
    {
        audit.Target("reservation", r.ReservationId, r.Reason);
        var cn = await db.ConnectionAsync(ct);
        var reservation = await cn.QuerySingleOrDefaultAsync<(Guid ProjectId, Guid ZoneId)?>(new CommandDefinition(
            "SELECT project_id, zone_id FROM reservations WHERE id = @ReservationId", new { r.ReservationId }, cancellationToken: ct))
            ?? throw new NotFoundException("reservation", r.ReservationId);
        var project = await ProjectLoad.ForRead(cn, actor.Actor, reservation.ProjectId, ct);
        CrmAccess.EnsureWrite(actor.Actor, project.UnitId, "project", reservation.ProjectId);
        var reply = await grains.GetGrain<IZoneGrain>(reservation.ZoneId).ReleaseReservation(r.ReservationId, r.Reason, CommandContext.For(actor, audit, r));
        return reply.Result<Done>();
    }
}
