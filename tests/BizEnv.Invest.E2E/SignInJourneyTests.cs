using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BizEnv.Invest.E2E;

/// <summary>Each demo role signs in through the login page, sees its own navigation, in Chinese and in English.</summary>
[Collection(AppCollection.Name)]
public sealed class SignInJourneyTests(AppFixture app, BrowserFixture browser) : BrowserTest(app, browser)
{
    private static readonly string[] ZonesZh = ["园区", "招商地图"];
    private static readonly string[] ZonesEn = ["Parks", "Investment map"];
    private static readonly string[] CrmZh = ["投资方", "项目", "周报", "走访", "外出招商", "店小二"];
    private static readonly string[] CrmEn = ["Investors", "Projects", "Weekly reports", "Visits", "Trips", "Concierge"];
    private const string PromisesZh = "承诺台账", PromisesEn = "Promise ledger";
    private static readonly string[] ChainsZh = ["产业链图谱", "招商目标库"];
    private static readonly string[] ChainsEn = ["Industry chains", "Target list"];

    [Fact]
    public Task Admin_signs_in_and_sees_crm_promises_chains_zones_administration_and_audit_navigation() =>
        RoleJourneyAsync("admin", "王敏",
            ["首页", .. CrmZh, PromisesZh, "投资协议", "历史遗留清单", "承诺态势", "工作交接", "台账校验", "账本浏览", "承诺权限", "公平竞争审查规则", .. ChainsZh, .. ZonesZh, "用户管理",
                "单位/处室", "工作日历", "接口文档", "审计日志"],
            ["Home", .. CrmEn, PromisesEn, "Agreements", "Pre-2018 list", "Promise figures", "Handovers", "Ledger check", "Ledger explorer", "Promise authority",
                "Fair-competition rules", .. ChainsEn, .. ZonesEn, "Users", "Units",
                "Working-day calendar", "API reference", "Audit log"]);

    [Fact]
    public Task Officer_signs_in_and_sees_crm_promises_chains_zones_and_calendar_navigation() =>
        RoleJourneyAsync("officer", "李志强", ["首页", .. CrmZh, PromisesZh, "投资协议", "历史遗留清单", "违约追偿", .. ChainsZh, .. ZonesZh, "工作日历"],
            ["Home", .. CrmEn, PromisesEn, "Agreements", "Pre-2018 list", "Investor defaults", .. ChainsEn, .. ZonesEn, "Working-day calendar"]);

    [Fact]
    public Task Park_manager_signs_in_and_sees_home_zones_and_calendar_navigation() =>
        RoleJourneyAsync("park", "陈建国", ["首页", .. ZonesZh, "工作日历"], ["Home", .. ZonesEn, "Working-day calendar"]);

    [Fact]
    public Task Integrity_officer_signs_in_and_sees_crm_promises_integrity_cases_ledger_zones_audit_and_calendar_but_not_user_management() =>
        RoleJourneyAsync("integrity", "刘芳", ["首页", .. CrmZh, PromisesZh, "投资协议", "诚信监督", "问责案件", "历史遗留清单", "违约追偿", "承诺态势", "台账校验", "账本浏览", .. ZonesZh,
                "审计日志", "工作日历"],
            ["Home", .. CrmEn, PromisesEn, "Agreements", "Integrity office", "Cases", "Pre-2018 list", "Investor defaults", "Promise figures", "Ledger check", "Ledger explorer",
                .. ZonesEn, "Audit log", "Working-day calendar"]);

    [Fact]
    public Task Leader_signs_in_and_sees_crm_promises_cases_figures_chains_zones_and_calendar_navigation() =>
        RoleJourneyAsync("leader", "周海涛", ["首页", .. CrmZh, PromisesZh, "投资协议", "问责案件", "历史遗留清单", "违约追偿", "承诺态势", "工作交接", .. ChainsZh, .. ZonesZh, "工作日历"],
            ["Home", .. CrmEn, PromisesEn, "Agreements", "Cases", "Pre-2018 list", "Investor defaults", "Promise figures", "Handovers", .. ChainsEn, .. ZonesEn,
                "Working-day calendar"]);

    [Fact]
    public Task Wrong_password_is_refused_with_a_Chinese_error() => JourneyAsync("signin-wrong-password", async page =>
    {
        await page.SubmitSignInAsync("officer", "Wrong@2026x");

        await Expect(page.ErrorAlert()).ToContainTextAsync("用户名或密码不正确");
        new Uri(page.Url).AbsolutePath.ShouldBe("/account/login");
        (await page.Nav().CountAsync()).ShouldBe(0, "a refused sign-in must not reach the app's navigation");
        await page.ScreenshotAsync("signin-wrong-password");
    });

    private Task RoleJourneyAsync(string user, string displayName, string[] navZh, string[] navEn) => JourneyAsync($"home-{user}", async page =>
    {
        await page.SignInAsync(user);

        await Expect(page.Nav()).ToHaveTextAsync(NavPattern(navZh));
        await Expect(page.Locator("main h1")).ToHaveTextAsync(new Regex($"^您好，{displayName}"));
        await Expect(page.GetByTestId("current-user")).ToContainTextAsync(displayName);
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("zh-CN");
        (await NavTextsAsync(page)).ShouldBe(navZh);
        await page.ScreenshotAsync($"home-{user}-zh");

        await page.SwitchLanguageAsync("Home");
        await Expect(page.Nav()).ToHaveTextAsync(NavPattern(navEn));
        await Expect(page.Locator("main h1")).ToHaveTextAsync(new Regex($"^Welcome, {displayName}"));
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("en");
        await page.ScreenshotAsync($"home-{user}-en");

        await page.SwitchLanguageAsync("首页");
        await Expect(page.Nav()).ToHaveTextAsync(NavPattern(navZh));
    });

    // An item may carry a count badge (the integrity office's alerts waiting for triage): the item is its text, the count aside.
    private static IEnumerable<Regex> NavPattern(string[] texts) => texts.Select(t => new Regex($"^\\s*{Regex.Escape(t)}(\\s*\\d+\\D*)?\\s*$"));

    private static async Task<string[]> NavTextsAsync(IPage page) =>
        await page.Nav().EvaluateAllAsync<string[]>(
            "links => links.map(a => { const c = a.cloneNode(true); c.querySelectorAll('.badge').forEach(b => b.remove()); return c.textContent.trim(); })");
}
