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
public sealed record ReleaseReservation(Guid ReservationId, string Reason) : ICommand<Done>;

public sealed class ReleaseReservationValidator : AbstractValidator<ReleaseReservation>
{
    public ReleaseReservationValidator() =>
        RuleFor(x => x.Reason).NotEmpty().WithText("reservation.release_reason_required").MaximumLength(500).WithText("field.too_long", 500);
}

public sealed class ReleaseReservationHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<ReleaseReservation, Done>
{
    public async Task<Done> Handle(ReleaseReservation r, CancellationToken ct)
    {
        audit.Target("reservation", r.ReservationId, r.Reason);
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction;
        var reservation = await cn.QuerySingleOrDefaultAsync<(Guid ProjectId, string Status, Guid? CommitmentId)?>(new CommandDefinition(
            "SELECT project_id, status, commitment_id FROM reservations WHERE id = @ReservationId FOR UPDATE", new { r.ReservationId }, tx, cancellationToken: ct))
            ?? throw new NotFoundException("reservation", r.ReservationId);
        await ProjectLoad.ForWrite(cn, tx, actor.Actor, reservation.ProjectId, ct);
        if (reservation.Status == "Released")
            throw new DomainException("reservation.already_released");
        // Capacity that backs a promise goes back only when the promise is cancelled or fulfilled.
        if (reservation.CommitmentId is not null)
            throw new DomainException("reservation.backs_a_promise");
        await cn.ExecuteAsync(new CommandDefinition(
            "UPDATE reservations SET status = 'Released', released_at = @now, released_reason = @reason WHERE id = @ReservationId",
            new { r.ReservationId, now = clock.GetUtcNow(), reason = r.Reason.Trim() }, tx, cancellationToken: ct));
        return Done.Value;
    }
}
