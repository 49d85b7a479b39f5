using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Calendar;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Trips.RecordTrip;

/// <summary>An out-of-town promotion trip 外出招商; its report is due 10 working days after return (working-day calendar).</summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record RecordTrip(string Destination, DateOnly DepartedOn, DateOnly ReturnedOn, string LeaderName, string? Chain, string FirmsVisited)
    : ICommand<TripDto>;

public sealed record TripDto(Guid Id, string Destination, DateOnly DepartedOn, DateOnly ReturnedOn, int Days, string LeaderName, string? Chain,
    string FirmsVisited, DateOnly? ReportDue, bool ReportSubmitted, string? Report, string CreatedBy, int Version);

public sealed class RecordTripValidator : AbstractValidator<RecordTrip>
{
    public RecordTripValidator()
    {
        RuleFor(x => x.Destination).NotEmpty().WithText("trip.destination_required").MaximumLength(100).WithText("field.too_long", 100);
        RuleFor(x => x.LeaderName).NotEmpty().WithText("trip.leader_required").MaximumLength(50).WithText("field.too_long", 50);
        RuleFor(x => x.FirmsVisited).NotEmpty().WithText("trip.firms_required").MaximumLength(4000).WithText("field.too_long", 4000);
        RuleFor(x => x.ReturnedOn).GreaterThanOrEqualTo(x => x.DepartedOn).WithText("trip.return_before_departure");
        RuleFor(x => x.Chain).MaximumLength(100).WithText("field.too_long", 100);
    }
}

public sealed class RecordTripHandler(IDbSession db, ActorContext actor, IAuditTrail audit, WorkingCalendarSource calendar, TimeProvider clock)
    : IRequestHandler<RecordTrip, TripDto>
{
    public async Task<TripDto> Handle(RecordTrip r, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        audit.Target("trip", id, r.Destination);
        var due = TripRules.ReportDue(await calendar.GetAsync(ct), r.ReturnedOn);
        var cn = await db.ConnectionAsync(ct);
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO trips (id, unit_id, destination, departed_on, returned_on, leader_name, chain, firms_visited, report_due, created_by, created_at)
            VALUES (@id, @unit, @dest, @DepartedOn, @ReturnedOn, @leader, @Chain, @firms, @due, @by, @now)
            """, new { id, unit = actor.Actor.UnitId, dest = r.Destination.Trim(), r.DepartedOn, r.ReturnedOn, leader = r.LeaderName.Trim(), r.Chain,
            firms = r.FirmsVisited.Trim(), due, by = actor.Actor.UserId, now = clock.GetUtcNow() }, db.Transaction, cancellationToken: ct));
        return await TripSql.Load(cn, db.Transaction, id, ct);
    }
}
