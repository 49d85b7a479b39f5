namespace BizEnv.Invest.Domain.Common;

/// <summary>
/// Business dates (due dates, "today", report weeks) are Asia/Shanghai dates: a promise due on a date
/// is due until the end of that day in Beijing, wherever the server runs.
/// </summary>
public static class BeijingTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTimeOffset ToBeijing(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>00:00 of a Beijing calendar date, as an instant.</summary>
    public static DateTimeOffset StartOf(DateOnly date)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(ToBeijing(clock.GetUtcNow()).DateTime);
}
