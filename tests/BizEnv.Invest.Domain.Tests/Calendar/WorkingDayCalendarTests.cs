using BizEnv.Invest.Domain.Calendar;
using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Tests.Calendar;

public sealed class WorkingDayCalendarTests
{
    private readonly WorkingDayCalendar _calendar = ShippedCalendar.Get();

    private static DateOnly D(string iso) => DateOnly.Parse(iso);

    [Theory]
    [InlineData("2025-01-28")] // 除夕 2025: first day of the Spring Festival holiday
    [InlineData("2025-01-31")] // a Friday inside the holiday
    [InlineData("2025-02-04")] // last day
    [InlineData("2025-10-01")]
    [InlineData("2025-10-08")] // National Day + Mid-Autumn, 8 days
    [InlineData("2025-01-01")]
    public void Statutory_holidays_of_2025_are_not_working_days(string date) =>
        _calendar.IsWorkingDay(D(date)).ShouldBeFalse();

    [Theory]
    [InlineData("2025-01-26")] // Sunday worked before the Spring Festival
    [InlineData("2025-02-08")] // Saturday worked after it
    [InlineData("2025-09-28")] // Sunday worked before National Day
    [InlineData("2025-10-11")] // Saturday worked after it
    public void Adjusted_weekend_days_of_2025_are_working_days(string date) =>
        _calendar.IsWorkingDay(D(date)).ShouldBeTrue();

    [Theory]
    [InlineData("2025-01-25", true, false)] // ordinary Saturday
    [InlineData("2025-01-27", false, true)] // ordinary Monday
    public void Ordinary_days_follow_the_Monday_to_Friday_rule(string date, bool weekend, bool working)
    {
        weekend.ShouldBe(D(date).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        _calendar.IsWorkingDay(D(date)).ShouldBe(working);
    }

    [Fact]
    public void Ten_working_days_after_a_return_before_the_Spring_Festival_skip_the_holiday_and_count_the_adjusted_Saturday()
    {
        // From Fri 2025-01-24: Sun 26 (worked) 1, Mon 27 2, holiday 28 Jan–4 Feb, Wed 5 3, Thu 6 4,
        // Fri 7 5, Sat 8 (worked) 6, Mon 10 7, Tue 11 8, Wed 12 9, Thu 13 is the 10th.
        _calendar.AddWorkingDays(D("2025-01-24"), 10).ShouldBe(D("2025-02-13"));
    }

    [Fact]
    public void Ten_working_days_after_a_return_before_National_Day_count_Sunday_28_September_and_Saturday_11_October()
    {
        // From Fri 2025-09-26: Sun 28 (worked) 1, Mon 29 2, Tue 30 3, holiday 1–8 Oct, Thu 9 4, Fri 10 5,
        // Sat 11 (worked) 6, Mon 13 7, Tue 14 8, Wed 15 9, Thu 16 is the 10th.
        _calendar.AddWorkingDays(D("2025-09-26"), 10).ShouldBe(D("2025-10-16"));
    }

    [Fact]
    public void Working_days_between_counts_the_half_open_interval()
    {
        _calendar.WorkingDaysBetween(D("2025-01-24"), D("2025-02-13")).ShouldBe(10);
        _calendar.WorkingDaysBetween(D("2025-01-24"), D("2025-02-12")).ShouldBe(9);
        _calendar.WorkingDaysBetween(D("2025-09-30"), D("2025-10-08")).ShouldBe(0);
        _calendar.WorkingDaysBetween(D("2025-03-03"), D("2025-03-03")).ShouldBe(0);
        _calendar.WorkingDaysBetween(D("2025-03-02"), D("2025-03-09")).ShouldBe(5);
    }

    [Fact]
    public void Zero_working_days_after_a_date_is_the_date_itself()
    {
        _calendar.AddWorkingDays(D("2025-10-03"), 0).ShouldBe(D("2025-10-03"));
    }

    [Fact]
    public void Warning_dates_count_back_over_holidays()
    {
        // The working day before Thu 2025-10-09 is Tue 30 Sep (1–8 Oct are off); two before Wed 5 Feb is Sun 26 Jan (worked).
        _calendar.SubtractWorkingDays(D("2025-10-09"), 1).ShouldBe(D("2025-09-30"));
        _calendar.SubtractWorkingDays(D("2025-02-05"), 2).ShouldBe(D("2025-01-26"));
    }

    [Fact]
    public void Deadlines_cross_year_ends()
    {
        // From Tue 2024-12-31: 1 Jan 2025 is a holiday, so the first working day is Thu 2 Jan.
        _calendar.AddWorkingDays(D("2024-12-31"), 1).ShouldBe(D("2025-01-02"));
    }

    [Fact]
    public void Negative_counts_are_rejected()
    {
        Should.Throw<DomainException>(() => _calendar.AddWorkingDays(D("2025-05-06"), -1)).Code.ShouldBe("calendar.negative_days");
        Should.Throw<DomainException>(() => _calendar.SubtractWorkingDays(D("2025-05-06"), -3)).Code.ShouldBe("calendar.negative_days");
    }

    [Fact]
    public void A_reversed_range_is_rejected()
    {
        Should.Throw<DomainException>(() => _calendar.WorkingDaysBetween(D("2025-05-06"), D("2025-05-01"))).Code.ShouldBe("calendar.range_reversed");
    }

    [Fact]
    public void A_year_without_a_loaded_notice_is_refused_rather_than_guessed()
    {
        var ex = Should.Throw<DomainException>(() => _calendar.IsWorkingDay(D("2031-03-03")));
        ex.Code.ShouldBe("calendar.year_not_loaded");
        ex.Args.ShouldContain(2031);
        var across = Should.Throw<DomainException>(() => _calendar.AddWorkingDays(D("2026-12-20"), 30));
        (across.Code, across.Args.Single()).ShouldBe(("calendar.year_not_loaded", (object)2027)); // the year it ran into
        Should.Throw<DomainException>(() => _calendar.SubtractWorkingDays(D("2017-01-10"), 30)).Args.Single().ShouldBe(2016);
    }

    [Fact]
    public void A_count_that_runs_into_a_year_not_loaded_has_its_date_to_follow_and_one_that_stays_inside_has_its_date()
    {
        _calendar.TryAddWorkingDays(D("2026-12-20"), 30).ShouldBeNull();
        _calendar.TryAddWorkingDays(D("2031-01-05"), 1).ShouldBeNull(); // starting outside too
        _calendar.TrySubtractWorkingDays(D("2017-01-10"), 30).ShouldBeNull();
        _calendar.TryAddWorkingDays(D("2026-12-24"), 4).ShouldBe(_calendar.AddWorkingDays(D("2026-12-24"), 4));
        _calendar.TryAddWorkingDays(D("2026-12-24"), 4).ShouldBe(D("2026-12-30"));
        _calendar.TrySubtractWorkingDays(D("2025-10-09"), 1).ShouldBe(_calendar.SubtractWorkingDays(D("2025-10-09"), 1));
        _calendar.TryAddWorkingDays(D("2026-12-31"), 0).ShouldBe(D("2026-12-31"));
        _calendar.TryAddWorkingDays(D("2031-01-05"), 0).ShouldBeNull(); // even no days at all: that day's year is not known
        _calendar.TrySubtractWorkingDays(D("2031-01-05"), 0).ShouldBeNull();
        _calendar.AddWorkingDays(D("2026-12-31"), 0).ShouldBe(D("2026-12-31"));
        _calendar.SubtractWorkingDays(D("2026-12-31"), 0).ShouldBe(D("2026-12-31"));
        Should.Throw<DomainException>(() => _calendar.AddWorkingDays(D("2031-01-05"), 0)).Args.Single().ShouldBe(2031);
        Should.Throw<DomainException>(() => _calendar.TryAddWorkingDays(D("2026-12-01"), -1)).Code.ShouldBe("calendar.negative_days");
        Should.Throw<DomainException>(() => _calendar.TrySubtractWorkingDays(D("2026-12-01"), -1)).Code.ShouldBe("calendar.negative_days");
    }

    [Fact]
    public void An_adjusted_working_day_on_a_weekday_is_invalid_data()
    {
        Should.Throw<DomainException>(() => new WorkingDayCalendar([2025], [new CalendarDay(D("2025-03-05"), CalendarDayKind.Workday, "x")]))
            .Code.ShouldBe("calendar.workday_not_weekend");
    }

    [Fact]
    public void Every_shipped_year_from_2017_to_2026_is_loaded_with_its_holidays()
    {
        _calendar.LoadedYears.ShouldBe(Enumerable.Range(2017, 10));
        foreach (var year in Enumerable.Range(2017, 10))
        {
            // Every year has New Year's Day and National Day off.
            _calendar.IsWorkingDay(new DateOnly(year, 1, 1)).ShouldBeFalse($"{year}-01-01");
            _calendar.IsWorkingDay(new DateOnly(year, 10, 1)).ShouldBeFalse($"{year}-10-01");
            _calendar.IsWorkingDay(new DateOnly(year, 10, 2)).ShouldBeFalse($"{year}-10-02");
        }
    }

    [Theory]
    [InlineData("2026-02-14", true)]  // Saturday worked before the 2026 Spring Festival
    [InlineData("2026-02-16", false)] // 除夕 2026
    [InlineData("2026-02-28", true)]  // Saturday worked after it
    [InlineData("2020-01-31", false)] // the 2020 epidemic extension
    [InlineData("2019-05-02", false)] // the amended 2019 May Day holiday
    [InlineData("2019-05-05", true)]
    public void Other_years_match_their_notices(string date, bool working) =>
        _calendar.IsWorkingDay(D(date)).ShouldBe(working);

    [Theory]
    [InlineData("2016-12-31", "2017-01-05", 2016)] // a range starting (only) in a year not loaded
    [InlineData("2031-01-02", "2031-01-02", 2031)] // an empty range, but its day is not known
    [InlineData("2026-12-30", "2027-01-04", 2027)] // a range ending in one
    public void Counting_working_days_over_a_range_with_a_year_not_loaded_is_refused(string from, string to, int year) =>
        Should.Throw<DomainException>(() => _calendar.WorkingDaysBetween(D(from), D(to))).Args.Single().ShouldBe(year);
}
