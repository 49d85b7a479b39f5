using BizEnv.Invest.Application.Calendar.AddCalendarYear;
using BizEnv.Invest.Application.Calendar.AddWorkingDays;
using BizEnv.Invest.Application.Calendar.CountWorkingDays;
using BizEnv.Invest.Application.Calendar.GetCalendarYear;
using BizEnv.Invest.Application.Calendar.SetCalendarDay;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Calendar;
using BizEnv.Invest.Domain.Common;
using FluentValidation;

namespace BizEnv.Invest.Application.Tests.Calendar;

public sealed class CalendarTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_shipped_calendar_is_loaded_once_and_answers_deadlines()
    {
        var officer = await app.As("officer");
        var year = await app.Send(new GetCalendarYear(2025), officer);
        year.Loaded.ShouldBeTrue();
        year.LoadedYears.ShouldBe(Enumerable.Range(2017, 10));
        year.Days.ShouldContain(d => d.Date == new DateOnly(2025, 1, 26) && d.Kind == CalendarDayKind.Workday);
        (await app.Send(new AddWorkingDays(new DateOnly(2025, 9, 26), 10), officer)).ShouldBe(new DateOnly(2025, 10, 16));
        (await app.Send(new CountWorkingDays(new DateOnly(2025, 1, 24), new DateOnly(2025, 2, 13)), officer)).ShouldBe(10);
    }

    [Fact]
    public async Task An_admin_edit_changes_the_deadlines_computed_afterwards()
    {
        var admin = await app.As("admin");
        var from = new DateOnly(2026, 3, 2); // a Monday
        (await app.Send(new AddWorkingDays(from, 1), admin)).ShouldBe(new DateOnly(2026, 3, 3));

        await app.Send(new SetCalendarDay(new DateOnly(2026, 3, 3), CalendarDayKind.Holiday, "测试假日"), admin);
        (await app.Send(new AddWorkingDays(from, 1), admin)).ShouldBe(new DateOnly(2026, 3, 4));

        await app.Send(new SetCalendarDay(new DateOnly(2026, 3, 3), null, null), admin);
        (await app.Send(new AddWorkingDays(from, 1), admin)).ShouldBe(new DateOnly(2026, 3, 3));
    }

    [Fact]
    public async Task Bad_calendar_edits_are_refused_with_reasons()
    {
        var admin = await app.As("admin");
        var weekday = await Should.ThrowAsync<ValidationException>(() =>
            app.Send(new SetCalendarDay(new DateOnly(2026, 3, 4), CalendarDayKind.Workday, "调休"), admin));
        weekday.Errors.Single().ErrorCode.ShouldBe("calendar.workday_not_weekend");

        var unloaded = await Should.ThrowAsync<ValidationException>(() =>
            app.Send(new SetCalendarDay(new DateOnly(2030, 1, 1), CalendarDayKind.Holiday, "元旦"), admin));
        unloaded.Errors.Single().ErrorCode.ShouldBe("calendar.year_not_loaded");

        (await Should.ThrowAsync<ValidationException>(() => app.Send(new AddCalendarYear(2025, "重复"), admin)))
            .Errors.Single().ErrorCode.ShouldBe("calendar.year_exists");
        await Should.ThrowAsync<ForbiddenException>(async () =>
            await app.Send(new SetCalendarDay(new DateOnly(2026, 3, 3), CalendarDayKind.Holiday, "x"), await app.As("officer")));
    }

    [Fact]
    public async Task A_new_year_is_opened_before_its_deadlines_can_be_computed()
    {
        var admin = await app.As("admin");
        (await Should.ThrowAsync<DomainException>(() => app.Send(new AddWorkingDays(new DateOnly(2027, 1, 4), 3), admin)))
            .Code.ShouldBe("calendar.year_not_loaded");
        await app.Send(new AddCalendarYear(2027, "国务院办公厅关于2027年部分节假日安排的通知"), admin);
        await app.Send(new SetCalendarDay(new DateOnly(2027, 1, 1), CalendarDayKind.Holiday, "元旦"), admin);
        // Mon 4 Jan 2027 + 3 working days = Thu 7 Jan.
        (await app.Send(new AddWorkingDays(new DateOnly(2027, 1, 4), 3), admin)).ShouldBe(new DateOnly(2027, 1, 7));
    }
}
