using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Calendar;

/// <summary>
/// China's working-day calendar: Monday–Friday, minus statutory holidays, plus adjusted working
/// days 调休. It only answers for years whose official schedule has been loaded, because a
/// deadline computed on a guessed calendar would be wrong in exactly the weeks that matter.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly Dictionary<DateOnly, CalendarDay> _exceptions;
    private readonly SortedSet<int> _years;

    public WorkingDayCalendar(IEnumerable<int> loadedYears, IEnumerable<CalendarDay> days)
    {
        _years = new SortedSet<int>(loadedYears);
        _exceptions = new Dictionary<DateOnly, CalendarDay>();
        foreach (var day in days)
        {
            if (day.Kind == CalendarDayKind.Workday && !IsWeekend(day.Date))
                throw new DomainException("calendar.workday_not_weekend", day.Date);
            _exceptions[day.Date] = day;
        }
    }

    public IReadOnlyCollection<int> LoadedYears => _years;

    public bool Covers(DateOnly date) => _years.Contains(date.Year);

    public bool IsWorkingDay(DateOnly date)
    {
        EnsureCovered(date);
        if (_exceptions.TryGetValue(date, out var day))
            return day.Kind == CalendarDayKind.Workday;
        return !IsWeekend(date);
    }

    public CalendarDay? Describe(DateOnly date) => _exceptions.GetValueOrDefault(date);

    /// <summary>The <paramref name="workingDays"/>-th working day strictly after <paramref name="from"/>.</summary>
    public DateOnly AddWorkingDays(DateOnly from, int workingDays)
    {
        if (workingDays < 0)
            throw new DomainException("calendar.negative_days", workingDays);
        return Step(from, workingDays, +1);
    }

    /// <summary>The <paramref name="workingDays"/>-th working day strictly before <paramref name="from"/> (warning dates).</summary>
    public DateOnly SubtractWorkingDays(DateOnly from, int workingDays)
    {
        if (workingDays < 0)
            throw new DomainException("calendar.negative_days", workingDays);
        return Step(from, workingDays, -1);
    }

    /// <summary>
    /// <see cref="AddWorkingDays"/>, or null where the count runs into a year not loaded yet: the date is
    /// "to follow" and is computed once that year is added, never guessed.
    /// </summary>
    public DateOnly? TryAddWorkingDays(DateOnly from, int workingDays) => workingDays < 0 ? AddWorkingDays(from, workingDays) : TryStep(from, workingDays, +1);

    /// <summary><see cref="SubtractWorkingDays"/>, or null where the count runs into a year not loaded yet.</summary>
    public DateOnly? TrySubtractWorkingDays(DateOnly from, int workingDays) => workingDays < 0 ? SubtractWorkingDays(from, workingDays) : TryStep(from, workingDays, -1);

    /// <summary>Working days in the half-open interval (from, to]; the order of the dates must be ascending.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
            throw new DomainException("calendar.range_reversed", from, to);
        EnsureCovered(from);
        EnsureCovered(to);
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
                count++;
        }
        return count;
    }

    private DateOnly Step(DateOnly from, int workingDays, int direction)
    {
        return TryStep(from, workingDays, direction) ?? throw Uncovered(from, direction);
    }

    private DateOnly? TryStep(DateOnly from, int workingDays, int direction)
    {
        if (!Covers(from))
            return null;
        var date = from;
        var remaining = workingDays;
        while (remaining > 0)
        {
            date = date.AddDays(direction);
            if (!Covers(date))
                return null;
            if (IsWorkingDay(date))
                remaining--;
        }
        return date;
    }

    // The first year the count needed and did not have: the one just past the last covered day on its way.
    private DomainException Uncovered(DateOnly from, int direction)
    {
        var date = from;
        while (Covers(date))
            date = date.AddDays(direction);
        return new DomainException("calendar.year_not_loaded", date.Year);
    }

    private void EnsureCovered(DateOnly date)
    {
        if (!Covers(date))
            throw new DomainException("calendar.year_not_loaded", date.Year);
    }

    private static bool IsWeekend(DateOnly date) =>
        date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
