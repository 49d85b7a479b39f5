using BizEnv.Invest.Domain.Calendar;

namespace BizEnv.Invest.Domain.Crm;

/// <summary>A trip report 外出招商报告 is due within 10 working days after return.</summary>
public static class TripRules
{
    public const int ReportWorkingDays = 10;

    /// <summary>The report's due date; null while it needs a calendar year not loaded yet ("date to follow").</summary>
    public static DateOnly? ReportDue(WorkingDayCalendar calendar, DateOnly returnedOn) =>
        calendar.TryAddWorkingDays(returnedOn, ReportWorkingDays);
}
