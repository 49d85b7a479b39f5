using BizEnv.Invest.Domain.Calendar;
using Npgsql;

namespace BizEnv.Invest.Application.Calendar;

/// <summary>
/// The working-day calendar as loaded from the database, cached briefly: deadlines are computed
/// often and the calendar changes a few times a year. An edit on this node invalidates at once;
/// other nodes pick it up within <see cref="MaxAge"/>.
/// </summary>
public sealed class WorkingCalendarSource(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (WorkingDayCalendar Calendar, DateTimeOffset LoadedAt)? _cached;

    public async Task<WorkingDayCalendar> GetAsync(CancellationToken ct = default)
    {
        if (_cached is { } c && clock.GetUtcNow() - c.LoadedAt < MaxAge)
            return c.Calendar;
        await _gate.WaitAsync(ct);
        try
        {
            if (_cached is { } again && clock.GetUtcNow() - again.LoadedAt < MaxAge)
                return again.Calendar;
            var calendar = await LoadAsync(ct);
            _cached = (calendar, clock.GetUtcNow());
            return calendar;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate() => _cached = null;

    private async Task<WorkingDayCalendar> LoadAsync(CancellationToken ct)
    {
        await using var cn = await dataSource.OpenConnectionAsync(ct);
        return await CalendarRows.LoadAsync(cn, null, ct);
    }
}

public sealed record CalendarDayRow(DateOnly Date, string Kind, string Name)
{
    public CalendarDay ToDomain() => new(Date, Enum.Parse<CalendarDayKind>(Kind), Name);
}
