using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BizEnv.Invest.E2E;

/// <summary>
/// Government promises: a promise beyond the officer's authority waits for a leader and binds once
/// approved; a promise whose due date has passed lapses by its grain's reminder and its breach alert reaches
/// the integrity office's page, already open, without a reload — where it is confirmed and becomes an
/// accountability case. A leader reads the promise figures and the pre-2018 remediation list.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CommitmentJourneyTests(AppFixture app, BrowserFixture browser) : BrowserTest(app, browser)
{
    private const string GuidPattern = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    [Fact]
    public Task Officer_promise_over_authority_is_approved_and_a_lapsed_promise_alerts_the_integrity_office_live() => JourneyAsync("promise", async officer =>
    {
        const string subsidy = "项目竣工投产后一次性给予设备购置补贴 500 万元";
        const string approval = "自企业提交完整材料之日起 10 个工作日内办结施工许可";
        var today = BeijingToday();

        // 1. The administrator takes subsidies out of the first promotion division's authority (the demo lets it promise up to
        //    2,000 万元); approval times it may still promise outright.
        var admin = await OtherPageAsync();
        await admin.SignInAsync("admin");
        await admin.OpenAsync("/admin/authority");
        await admin.LiveAsync();
        ILocator Limit(string kind) => admin.GetByTestId("limits-table").Locator($"tbody tr[data-kind={kind}]", new() { HasText = "招商一处" });
        await Expect(Limit("ApprovalSpeed").GetByTestId("limit-max")).ToHaveTextAsync("不限金额");
        await Expect(Limit("Subsidy").GetByTestId("limit-max")).ToHaveTextAsync("2,000 万元");
        await Limit("Subsidy").GetByTestId("remove-limit").ClickAsync();
        await Expect(admin.GetByTestId("alert-success")).ToContainTextAsync("补贴奖励");
        await Expect(Limit("Subsidy")).ToHaveCountAsync(0);
        await admin.ScreenshotAsync("authority-1-subsidy-removed");

        // 2. The officer records a 5,000,000 元 subsidy on a signed project of his unit: with no authority for subsidies it binds
        //    only once a leader approves it, and the reason names the limit.
        await officer.SignInAsync("officer");
        await officer.OpenAsync("/projects?stage=Signed");
        await officer.LiveAsync();
        await officer.FollowAsync(officer.GetByTestId("projects-table").Locator("tbody tr a.fw-semibold").First, $"/projects/{GuidPattern}$");
        var projectUrl = new Uri(officer.Url).AbsolutePath;
        await officer.GetByTestId("start-commitment").ClickUntilVisibleAsync(officer.Locator("#cm-kind"));
        await officer.Locator("#cm-kind").SelectOptionAsync("Subsidy");
        await Expect(officer.GetByTestId("commitment-capacity")).ToHaveCountAsync(0);
        await officer.Locator("#cm-clause").FillAsync(subsidy);
        await officer.Locator("#cm-value").FillAsync("500");
        await officer.Locator("#cm-due").FillAsync(today.AddMonths(6).ToString("yyyy-MM-dd"));
        await officer.Locator("#cm-policy-title").FillAsync("海川市促进先进制造业高质量发展若干政策");
        await officer.Locator("#cm-policy-number").FillAsync("海政发〔2025〕12号");
        await officer.Locator("#cm-contract").FillAsync("HC-TZHT-2026-018 第七条");
        await Expect(officer.Locator("#cm-value ~ .form-text")).ToContainTextAsync("5,000,000.00 元");
        await officer.GetByTestId("save-commitment").ClickAsync();

        var pending = officer.GetByTestId("commitment-pending");
        await Expect(pending).ToContainTextAsync("已提交领导审批");
        await Expect(pending.GetByTestId("pending-reason")).ToHaveTextAsync("本单位无权作出“补贴奖励”类承诺，已提交审批。");
        var row = officer.GetByTestId("project-commitments").Locator("tbody tr", new() { HasText = subsidy });
        await Expect(row.GetByTestId("commitment-status")).ToHaveTextAsync("待审批");
        await Expect(row).ToContainTextAsync("500 万元");
        await officer.ScreenshotAsync("promise-1-pending");

        // 3. The leader finds it in the approval queue on the home page, with the reason, and approves it.
        var leader = await OtherPageAsync();
        await leader.SignInAsync("leader");
        await leader.LiveAsync();
        var queued = leader.GetByTestId("home-pending-commitments").Locator("li", new() { HasText = subsidy });
        await Expect(queued.GetByTestId("pending-reason")).ToContainTextAsync("本单位无权作出“补贴奖励”类承诺");
        await leader.FollowAsync(queued.GetByTestId("pending-link"), $"/commitments/{GuidPattern}$");
        await Expect(leader.GetByTestId("commitment-status")).ToHaveTextAsync("待审批");
        await Expect(leader.GetByTestId("commitment-policy")).ToContainTextAsync("海政发〔2025〕12号");
        await leader.Locator("#cm-opinion").FillAsync("符合市级先进制造业补贴政策，同意承诺。");
        await leader.GetByTestId("approve-commitment").ClickAsync();
        await Expect(leader.GetByTestId("alert-success")).ToContainTextAsync("已审批通过");
        await Expect(leader.GetByTestId("commitment-status")).ToHaveTextAsync("待兑现");
        await Expect(leader.GetByTestId("commitment-review")).ToHaveCountAsync(0);
        var history = leader.GetByTestId("commitment-history").Locator("> li");
        await Expect(history).ToHaveCountAsync(2);
        await Expect(history.Nth(0)).ToContainTextAsync("登记");
        await Expect(history.Nth(1)).ToContainTextAsync("审批通过");
        await Expect(history.Nth(1)).ToContainTextAsync("符合市级先进制造业补贴政策");
        await Expect(history.Nth(1).GetByTestId("entry-hash")).ToHaveTextAsync(new Regex("^[0-9a-f]{12}$"));
        await leader.ScreenshotAsync("promise-2-approved");

        // 4. The integrity officer opens the alert queue and leaves it open; a marker tells whether the page is ever reloaded.
        var integrity = await OtherPageAsync();
        await integrity.SignInAsync("integrity");
        await integrity.LiveAsync();
        await integrity.FollowAsync(integrity.Nav().Filter(new() { HasText = "诚信监督" }), "/integrity$");
        await Expect(integrity.GetByTestId("tab-New")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(integrity.GetByTestId("breach-alert").Filter(new() { HasText = approval })).ToHaveCountAsync(0);
        await integrity.EvaluateAsync("() => window.__sameDocument = true");

        // 5. The officer records an approval-time promise that fell due yesterday: within his authority, it binds at once —
        //    and its grain's reminder lapses it.
        new Uri(officer.Url).AbsolutePath.ShouldBe(projectUrl);
        await officer.GetByTestId("start-commitment").ClickUntilVisibleAsync(officer.Locator("#cm-kind"));
        await Expect(pending).ToHaveCountAsync(0);
        await officer.Locator("#cm-kind").SelectOptionAsync("ApprovalSpeed");
        await officer.Locator("#cm-clause").FillAsync(approval);
        await officer.Locator("#cm-made").FillAsync(today.AddDays(-20).ToString("yyyy-MM-dd"));
        await officer.Locator("#cm-due").FillAsync(today.AddDays(-1).ToString("yyyy-MM-dd"));
        await officer.Locator("#cm-policy-title").FillAsync("海川市优化营商环境条例");
        await officer.Locator("#cm-policy-number").FillAsync("海人大常〔2024〕3号");
        await officer.GetByTestId("save-commitment").ClickAsync();
        // A due date already past is said before saving: it lapses at once and raises a breach alert.
        await Expect(officer.GetByTestId("past-due-warning")).ToContainTextAsync("立即向诚信监督推送政府失信预警");
        await Expect(officer.GetByTestId("alert-success")).ToHaveCountAsync(0);
        await officer.GetByTestId("confirm-past-due").ClickAsync();
        await Expect(officer.GetByTestId("alert-success")).ToContainTextAsync("“审批时限”承诺已登记并生效");
        await Expect(pending).ToHaveCountAsync(0);

        // 6. The alert appears on the integrity page that was already open: no reload, marked as new, counted in the navigation.
        var alert = integrity.GetByTestId("breach-alert").Filter(new() { HasText = approval });
        await Expect(alert).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(alert).ToHaveAttributeAsync("data-fresh", "true");
        await Expect(alert).ToContainTextAsync("李志强");
        await Expect(alert).ToContainTextAsync(today.AddDays(-1).ToString("yyyy-MM-dd"));
        await Expect(integrity.GetByTestId("live-notice")).ToContainTextAsync("新的失信预警");
        await Expect(integrity.GetByTestId("nav-alert-count")).ToBeVisibleAsync();
        var waiting = await integrity.GetByTestId("breach-alert").CountAsync();
        await Expect(integrity.GetByTestId("nav-alert-count")).ToHaveTextAsync(new Regex($"^{waiting}\\D"));
        (await integrity.EvaluateAsync<bool>("() => window.__sameDocument === true")).ShouldBeTrue("the alert must arrive without a reload");
        await integrity.ScreenshotAsync("integrity-1-live-alert");

        // 7. Confirmed: off the queue and the navigation count, onto the confirmed tab with the case it opened.
        await alert.GetByTestId("confirm-alert").ClickAsync();
        await Expect(integrity.GetByTestId("alert-success")).ToContainTextAsync("转入问责程序");
        await Expect(integrity.GetByTestId("alert-success").GetByTestId("open-case")).ToHaveAttributeAsync("href", new Regex($"^/cases/{GuidPattern}$"));
        var caseHref = await integrity.GetByTestId("open-case").GetAttributeAsync("href");
        await Expect(alert).ToHaveCountAsync(0);
        if (waiting == 1)
            await Expect(integrity.GetByTestId("nav-alert-count")).ToHaveCountAsync(0);
        else
            await Expect(integrity.GetByTestId("nav-alert-count")).ToHaveTextAsync(new Regex($"^{waiting - 1}\\D"));
        await integrity.GetByTestId("tab-Confirmed").ClickAsync();
        var confirmed = integrity.GetByTestId("breach-alert").Filter(new() { HasText = approval });
        await Expect(confirmed).ToContainTextAsync("已确认为政府失信");
        await Expect(confirmed.GetByTestId("alert-case")).ToHaveTextAsync(new Regex(@"^失信-\d{4}-\d{4}$"));
        await Expect(confirmed.GetByTestId("alert-case")).ToHaveAttributeAsync("href", caseHref!);
        await integrity.ScreenshotAsync("integrity-2-confirmed");

        // 8. The case: result due in 30 days; the integrity officer assigns herself as investigator and names the person
        //    responsible (a missing position is refused beside its field).
        await integrity.FollowAsync(confirmed.GetByTestId("alert-case"), $"/cases/{GuidPattern}$");
        await Expect(integrity.GetByTestId("case-status")).ToHaveTextAsync("调查中");
        await Expect(integrity.GetByTestId("case-result-due")).ToHaveTextAsync(today.AddDays(30).ToString("yyyy-MM-dd"));
        await Expect(integrity.GetByTestId("case-investigator")).ToHaveTextAsync("尚未指定");
        await integrity.Locator("#case-investigator").SelectOptionAsync(new SelectOptionValue { Label = "刘芳（诚信监督处）" });
        await integrity.GetByTestId("assign-investigator").ClickAsync();
        await Expect(integrity.GetByTestId("alert-success")).ToContainTextAsync("已指定 刘芳 为调查人");
        await Expect(integrity.GetByTestId("case-investigator")).ToHaveTextAsync("刘芳");
        await integrity.Locator("#cp-name").FillAsync("张伟");
        await integrity.Locator("#cp-unit").FillAsync("海川市投资促进局招商一处");
        await integrity.GetByTestId("add-person").ClickAsync();
        await Expect(integrity.Locator("#cp-position-error")).ToHaveTextAsync("请填写责任人职务。");
        await integrity.Locator("#cp-position").FillAsync("招商一处处长");
        await integrity.Locator("#cp-responsibility").SelectOptionAsync("Leadership");
        await integrity.GetByTestId("add-person").ClickAsync();
        await Expect(integrity.GetByTestId("alert-success")).ToContainTextAsync("已认定责任人 张伟");
        var persons = integrity.GetByTestId("case-persons").Locator("tbody tr");
        await Expect(persons).ToHaveCountAsync(1);
        await Expect(persons.First).ToContainTextAsync("招商一处处长");
        await Expect(persons.First).ToContainTextAsync("领导责任");
        await Expect(integrity.GetByTestId("outcome-form")).ToBeVisibleAsync();
        await integrity.ScreenshotAsync("integrity-3-case");

        // Every step of the case is on the promise's ledger.
        await integrity.FollowAsync(integrity.GetByTestId("case-commitment"), $"/commitments/{GuidPattern}$");
        await Expect(integrity.GetByTestId("commitment-status")).ToHaveTextAsync("逾期未兑现");
        await Expect(integrity.GetByTestId("commitment-lapsed")).ToContainTextAsync("政府失信");
        await Expect(integrity.GetByTestId("commitment-history").Locator("> li")).ToHaveTextAsync(
        [
            new Regex("^\\s*登记"), new Regex("^\\s*到期未兑现"), new Regex("^\\s*确认失信"), new Regex("^\\s*立案问责"),
            new Regex("^\\s*指定调查人"), new Regex("^\\s*认定责任人"),
        ]);
        await Expect(integrity.GetByTestId("commitment-actions")).ToHaveCountAsync(0);

        // 9. The ledger's hash chain still holds.
        await integrity.FollowAsync(integrity.Nav().Filter(new() { HasText = "台账校验" }), "/ledger$");
        await integrity.GetByTestId("verify-ledger").ClickAsync();
        await Expect(integrity.GetByTestId("ledger-result")).ToHaveAttributeAsync("data-intact", "true");
        int.Parse(await integrity.GetByTestId("ledger-entries").InnerTextAsync(), System.Globalization.NumberStyles.AllowThousands,
            System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(5);
        await integrity.GetByTestId("create-checkpoint").ClickAsync();
        await Expect(integrity.GetByTestId("checkpoint-result")).ToBeVisibleAsync();
        await integrity.ScreenshotAsync("ledger-1-verified");
    });

    [Fact]
    public Task Leader_reads_the_promise_figures_and_the_pre_2018_list() => JourneyAsync("figures", async leader =>
    {
        // The figures, from the leader's home: KPIs and charts drawn (a canvas each), and the remediation progress per unit —
        // the demo's two pre-2018 promises lapse at start-up and join the list.
        await leader.SignInAsync("leader");
        await leader.LiveAsync();
        await leader.FollowAsync(leader.GetByTestId("home-open-figures"), "/figures$");
        await Expect(leader.GetByTestId("kpi-running").GetByTestId("figure-value")).ToHaveTextAsync(new Regex(@"^[1-9]\d*$"));
        await Expect(leader.GetByTestId("kpi-fulfilment").GetByTestId("figure-value")).ToHaveTextAsync(new Regex(@"^(\d+(\.\d)?%|—)$"));
        foreach (var chart in new[] { "chart-by-status", "chart-by-kind", "chart-lapses", "chart-outcomes" })
        {
            await Expect(leader.GetByTestId(chart)).ToHaveAttributeAsync("data-rendered", "true");
            await Expect(leader.GetByTestId(chart).Locator("canvas")).ToHaveCountAsync(1);
        }
        await Expect(leader.GetByTestId("remediation-summary").Locator("tbody tr")).Not.ToHaveCountAsync(0);
        await leader.ScreenshotAsync("figures-1");

        // The pre-2018 list: open items with their progress; the leader reads, the integrity office imports.
        await leader.FollowAsync(leader.Nav().Filter(new() { HasText = "历史遗留清单" }), "/remediation$");
        var items = leader.GetByTestId("remediation-table").Locator("tbody tr");
        await Expect(items.Filter(new() { HasText = "2016 年签约时承诺的税收奖励" })).ToHaveCountAsync(1);
        await Expect(items.Filter(new() { HasText = "2017 年承诺的道路配套" }).GetByTestId("remediation-status")).ToHaveTextAsync("整改中");
        await Expect(leader.GetByTestId("toggle-import")).ToHaveCountAsync(0);
        await leader.ScreenshotAsync("remediation-1");
    });

    private static DateOnly BeijingToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
}
