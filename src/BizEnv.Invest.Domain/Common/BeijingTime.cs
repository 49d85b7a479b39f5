namespace BizEnv.Invest.Domain.Common;

/// <summary>
/// Business dates (due dates, "today", report weeks) are Asia/Shanghai dates: a promise due on a date
/// is due until the end of that day in Beijing, wherever the server runs.
/// </summary>
public static class BeijingTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTimeOffset ToBeijing(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(ToBeijing(clock.GetUtcNow()).DateTime);
}
