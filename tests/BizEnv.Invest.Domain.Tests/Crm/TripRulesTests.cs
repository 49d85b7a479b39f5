using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Tests.Calendar;

namespace BizEnv.Invest.Domain.Tests.Crm;

public sealed class TripRulesTests
{
    [Fact]
    public void A_report_after_a_trip_ending_before_National_Day_is_due_after_the_holiday_counting_the_adjusted_Saturday()
    {
        // Back on Fri 2025-09-26: Sun 28 Sep (worked), 29, 30, holiday 1–8 Oct, 9, 10, Sat 11 (worked), 13, 14, 15, 16.
        TripRules.ReportDue(ShippedCalendar.Get(), new DateOnly(2025, 9, 26)).ShouldBe(new DateOnly(2025, 10, 16));
    }

    [Fact]
    public void A_report_after_a_trip_ending_on_a_Monday_in_an_ordinary_fortnight_is_due_two_weeks_later() =>
        TripRules.ReportDue(ShippedCalendar.Get(), new DateOnly(2025, 3, 3)).ShouldBe(new DateOnly(2025, 3, 17));
}
