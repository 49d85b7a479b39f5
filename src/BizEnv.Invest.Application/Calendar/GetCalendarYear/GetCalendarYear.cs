using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Calendar;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Calendar.GetCalendarYear;

/// <summary>One year of the calendar: whether its notice is loaded, and every holiday and 调休 working day.</summary>
public sealed record GetCalendarYear(int Year) : IQuery<CalendarYearDto>;

public sealed record CalendarYearDto(int Year, bool Loaded, string? Notice, IReadOnlyList<CalendarDay> Days, IReadOnlyList<int> LoadedYears);

public sealed class GetCalendarYearHandler(IDbSession db) : IRequestHandler<GetCalendarYear, CalendarYearDto>
{
    public async Task<CalendarYearDto> Handle(GetCalendarYear request, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var years = (await cn.QueryAsync<(int Year, string Notice)>(new CommandDefinition(
            "SELECT year, notice FROM calendar_years ORDER BY year", cancellationToken: ct))).ToList();
        var days = await cn.QueryAsync<CalendarDayRow>(new CommandDefinition(
            "SELECT day AS Date, kind AS Kind, name AS Name FROM calendar_days WHERE year = @Year ORDER BY day",
            new { request.Year }, cancellationToken: ct));
        var year = years.FirstOrDefault(y => y.Year == request.Year);
        return new CalendarYearDto(request.Year, year.Notice is not null, year.Notice,
            days.Select(d => d.ToDomain()).ToList(), years.Select(y => y.Year).ToList());
    }
}
