using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Calendar;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Calendar.SetCalendarDay;

/// <summary>
/// Mark a date as a statutory holiday or a 调休 working day, or (Kind = null) return it to the
/// Monday–Friday rule.
/// </summary>
[AllowRoles(Role.Admin)]
public sealed record SetCalendarDay(DateOnly Date, CalendarDayKind? Kind, string? Name) : ICommand<Done>;

public sealed class SetCalendarDayValidator : AbstractValidator<SetCalendarDay>
{
    public SetCalendarDayValidator()
    {
        RuleFor(x => x.Kind).IsInEnum().WithText("calendar.kind_unknown");
        RuleFor(x => x.Name).NotEmpty().WithText("calendar.name_required").MaximumLength(40).WithText("field.too_long", 40)
            .When(x => x.Kind is not null);
        RuleFor(x => x.Date).Must(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            .WithText("calendar.workday_not_weekend", "").When(x => x.Kind == CalendarDayKind.Workday);
    }
}

public sealed class SetCalendarDayHandler(IDbSession db, ActorContext actor, IAuditTrail audit, WorkingCalendarSource calendar, TimeProvider clock)
    : IRequestHandler<SetCalendarDay, Done>
{
    public async Task<Done> Handle(SetCalendarDay request, CancellationToken ct)
    {
        audit.Target("calendar-day", request.Date.ToString("yyyy-MM-dd"), request.Kind?.ToString() ?? "normal");
        var cn = await db.ConnectionAsync(ct);
        var loaded = await cn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM calendar_years WHERE year = @year)", new { year = request.Date.Year }, db.Transaction, cancellationToken: ct));
        if (!loaded)
            throw ValidationText.FieldError(nameof(request.Date), "calendar.year_not_loaded", request.Date.Year);
        if (request.Kind is null)
        {
            await cn.ExecuteAsync(new CommandDefinition("DELETE FROM calendar_days WHERE day = @Date", new { request.Date }, db.Transaction, cancellationToken: ct));
        }
        else
        {
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO calendar_days (day, kind, name, updated_at, updated_by) VALUES (@Date, @kind, @name, @now, @by)
                ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """, new { request.Date, kind = request.Kind.ToString(), name = request.Name!.Trim(), now = clock.GetUtcNow(), by = actor.Actor.UserName },
                db.Transaction, cancellationToken: ct));
        }
        calendar.Invalidate();
        // Working days moved: every running promise's warnings may have too.
        await Commitments.Promises.DeadlineRearm.QueueRunningAsync(cn, db.Transaction, clock.GetUtcNow(), ct);
        // And unreported trips' report dates, counted in working days.
        await Crm.Trips.TripReportDates.RecomputeAsync(cn, db.Transaction, ct);
        return Done.Value;
    }
}
