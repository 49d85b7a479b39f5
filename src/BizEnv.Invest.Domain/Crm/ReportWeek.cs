namespace BizEnv.Invest.Domain.Crm;

/// <summary>Weekly reports 周报 cover Monday to Sunday; a week is named by its Monday.</summary>
public static class ReportWeek
{
    public static DateOnly StartOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static DateOnly EndOf(DateOnly monday) => monday.AddDays(6);
}
