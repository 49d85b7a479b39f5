using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Calendar.AddCalendarYear;

/// <summary>
/// Open a new year once the State Council has published its holiday notice. Until a year is
/// opened, deadlines falling in it are refused rather than computed on a guessed calendar.
/// </summary>
[AllowRoles(Role.Admin)]
public sealed record AddCalendarYear(int Year, string Notice) : ICommand<Done>;

public sealed class AddCalendarYearValidator : AbstractValidator<AddCalendarYear>
{
    public AddCalendarYearValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithText("calendar.year_range");
        RuleFor(x => x.Notice).NotEmpty().WithText("calendar.notice_required").MaximumLength(200).WithText("field.too_long", 200);
    }
}

public sealed class AddCalendarYearHandler(IDbSession db, IAuditTrail audit, WorkingCalendarSource calendar, TimeProvider clock)
    : IRequestHandler<AddCalendarYear, Done>
{
    public async Task<Done> Handle(AddCalendarYear request, CancellationToken ct)
    {
        audit.Target("calendar-year", request.Year);
        var cn = await db.ConnectionAsync(ct);
        var added = await cn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO calendar_years (year, notice, loaded_at) VALUES (@Year, @Notice, @now) ON CONFLICT DO NOTHING",
            new { request.Year, Notice = request.Notice.Trim(), now = clock.GetUtcNow() }, db.Transaction, cancellationToken: ct));
        if (added == 0)
            throw ValidationText.FieldError(nameof(request.Year), "calendar.year_exists", request.Year);
        calendar.Invalidate();
        // Warnings that needed this year were left out until now: every running promise computes them again.
        await Commitments.Promises.DeadlineRearm.QueueRunningAsync(cn, db.Transaction, clock.GetUtcNow(), ct);
        // And trip reports whose date was to follow get it.
        await Crm.Trips.TripReportDates.RecomputeAsync(cn, db.Transaction, ct);
        return Done.Value;
    }
}
