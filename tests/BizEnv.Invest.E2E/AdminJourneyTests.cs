using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BizEnv.Invest.E2E;

/// <summary>The administrator's main journeys: a new colleague's account, and the working-day calendar.</summary>
[Collection(AppCollection.Name)]
public sealed class AdminJourneyTests(AppFixture app, BrowserFixture browser) : BrowserTest(app, browser)
{
    [Fact]
    public Task Admin_creates_a_user_who_must_change_the_initial_password_at_first_sign_in() => JourneyAsync("admin-user", async page =>
    {
        const string userName = "zhangsan", initial = "Newcomer#2026", chosen = "Chosen#2026x";
        await page.SignInAsync("admin");
        await page.OpenAsync("/admin/users");
        await page.GetByTestId("new-user").ClickUntilVisibleAsync(page.Locator("#u-userName"));

        await page.Locator("#u-userName").FillAsync(userName);
        await page.Locator("#u-displayName").FillAsync("张三");
        await page.Locator("#u-unit").SelectOptionAsync(new SelectOptionValue { Label = "海川经济技术开发区" });
        await page.Locator("#role-PromotionOfficer").UncheckAsync();
        await page.Locator("#role-ParkManager").CheckAsync();
        await page.Locator("#u-password").FillAsync("abc123");
        await page.GetByTestId("save-user").ClickAsync();

        await Expect(page.Locator("#u-password-error")).ToContainTextAsync("密码至少需要 10 位");
        await Expect(page.Locator("#u-password")).ToHaveClassAsync(new Regex("is-invalid"));
        await Expect(page.ErrorAlert()).ToBeVisibleAsync();
        await Expect(UserRow(page, userName)).ToHaveCountAsync(0);
        await page.ScreenshotAsync("admin-user-1-weak-password");

        await page.Locator("#u-password").FillAsync(initial);
        await page.GetByTestId("save-user").ClickAsync();

        await Expect(page.GetByTestId("alert-success")).ToContainTextAsync("用户已创建");
        await Expect(page.Locator("#u-userName")).ToHaveCountAsync(0);
        var row = UserRow(page, userName);
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("张三");
        await Expect(row).ToContainTextAsync("海川经济技术开发区");
        await Expect(row).ToContainTextAsync("园区管理员");
        await Expect(row).ToContainTextAsync("待改密码");
        await page.ScreenshotAsync("admin-user-2-created");

        await page.Locator("#logout-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/login");

        await page.SignInAsync(userName, initial, landsOn: "/account/change-password");
        await Expect(page.GetByTestId("must-change")).ToBeVisibleAsync();
        await page.ScreenshotAsync("admin-user-3-must-change-password");
        await page.GotoAsync("/");
        new Uri(page.Url).AbsolutePath.ShouldBe("/account/change-password", "the app must not open until the password is changed");

        await page.Locator("#CurrentPassword").FillAsync(initial);
        await page.Locator("#NewPassword").FillAsync(chosen);
        await page.Locator("#ConfirmPassword").FillAsync(chosen);
        await page.Locator("form:has(#CurrentPassword) button[type=submit]").ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Expect(page.Locator("main h1")).ToHaveTextAsync(new Regex("^您好，张三"));
        await Expect(page.Nav()).ToHaveTextAsync(["首页", "园区", "招商地图", "工作日历"]);
        await Expect(page.GetByTestId("current-user")).ToContainTextAsync("张三");
        await page.ScreenshotAsync("admin-user-4-home-after-password-change");
    });

    [Fact]
    public Task Admin_marks_a_future_working_day_as_a_holiday_in_the_calendar() => JourneyAsync("admin-calendar", async page =>
    {
        const string holiday = "端到端测试假日";
        await page.SignInAsync("admin");
        await page.OpenAsync("/admin/calendar");
        await Expect(page.Locator("button.cal-day").First).ToBeVisibleAsync();

        var date = await FutureWorkingDayAsync(page);
        var day = page.Locator($"button.cal-day[aria-label^='{date:yyyy-MM-dd}']");
        await Expect(day).Not.ToHaveClassAsync(new Regex("cal-holiday"));
        await day.ClickUntilVisibleAsync(page.Locator("#day-kind"));
        await page.Locator("#day-kind").SelectOptionAsync("Holiday");
        await page.Locator("#day-name").FillAsync(holiday);
        await page.GetByTestId("save-day").ClickAsync();

        await Expect(page.GetByTestId("alert-success")).ToBeVisibleAsync();
        await Expect(day).ToHaveClassAsync(new Regex(@"\bcal-holiday\b"));
        await Expect(day).ToHaveAttributeAsync("title", holiday);
        await page.ScreenshotAsync("admin-calendar-holiday");

        await page.ReloadAsync();
        await Expect(day).ToHaveClassAsync(new Regex(@"\bcal-holiday\b"));
    });

    private static ILocator UserRow(IPage page, string userName) =>
        page.GetByTestId("users-table").Locator("tbody tr").Filter(new LocatorFilterOptions
        {
            Has = page.Locator("code", new PageLocatorOptions { HasTextRegex = new Regex($"^{Regex.Escape(userName)}$") }),
        });

    /// <summary>A plain Monday–Friday working day in a later month of this year (or, in December, later this month).</summary>
    private static async Task<DateOnly> FutureWorkingDayAsync(IPage page)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var labels = await page.Locator("button.cal-day").EvaluateAllAsync<string[]>(
            "buttons => buttons.filter(b => b.classList.length === 1).map(b => b.getAttribute('aria-label').trim())");
        var plain = labels.Select(l => DateOnly.ParseExact(l[..10], "yyyy-MM-dd")).Where(d => d.Year == today.Year).ToList();
        plain.ShouldNotBeEmpty($"the {today.Year} calendar shows no plain working day to edit");
        var later = plain.Where(d => d.Month > today.Month).ToList();
        if (later.Count == 0)
            later = plain.Where(d => d > today).ToList();
        later.ShouldNotBeEmpty($"no working day left after {today} in {today.Year}");
        var date = later[0];
        date.DayOfWeek.ShouldNotBeOneOf(DayOfWeek.Saturday, DayOfWeek.Sunday);
        return date;
    }
}
