using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BizEnv.Invest.E2E;

/// <summary>
/// Issue #14, both sides of the deal: an officer records a project's investment agreement with two of the investor's
/// obligations and a promise conditional on one of them; the promise falls due with its condition unmet — not a breach —
/// and the integrity office sees it under its own label; a colleague who followed the obligation leaves, and the
/// successor acknowledges the handover on the home page.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AgreementJourneyTests(AppFixture app, BrowserFixture browser) : BrowserTest(app, browser)
{
    private const string GuidPattern = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    [Fact]
    public Task An_agreement_with_a_conditional_promise_whose_condition_goes_unmet_and_a_handover_acknowledged() => JourneyAsync("agreement", async officer =>
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var number = $"HC-TZ-E2E-{Guid.NewGuid():N}"[..20];
        const string clause = "企业投产且亩均税收达标后 10 个工作日内办结技改项目备案";

        // 1. The officer records the agreement on a signed project of his unit: two obligations, 投产 and 亩均税收.
        await officer.SignInAsync("officer");
        await officer.OpenAsync("/projects?stage=Signed");
        await officer.LiveAsync();
        await officer.FollowAsync(officer.GetByTestId("projects-table").Locator("tbody tr a.fw-semibold").First, $"/projects/{GuidPattern}$");
        await officer.GetByTestId("record-agreement").ClickUntilVisibleAsync(officer.GetByTestId("agreement-form"));
        await officer.GetByTestId("agreement-number").FillAsync(number);
        await officer.GetByTestId("agreement-title").FillAsync("年产 5GWh 储能电池项目投资协议");
        await officer.GetByTestId("agreement-government-signatory").FillAsync("海川经开区管委会 李主任");
        await officer.GetByTestId("agreement-investor-signatory").FillAsync("恒锐储能 王总");
        await officer.GetByTestId("agreement-signed-on").FillAsync(today.AddMonths(-3).ToString("yyyy-MM-dd"));
        if (await officer.GetByTestId("obligation-row").CountAsync() < 2)
            await officer.GetByTestId("add-obligation").ClickAsync();
        var production = officer.GetByTestId("obligation-row").Nth(0);
        await production.GetByTestId("obligation-kind").SelectOptionAsync("Production");
        await production.GetByTestId("obligation-description").FillAsync("2027 年底前建成投产");
        await production.GetByTestId("obligation-due").FillAsync(today.AddYears(1).ToString("yyyy-MM-dd"));
        var tax = officer.GetByTestId("obligation-row").Nth(1);
        await tax.GetByTestId("obligation-kind").SelectOptionAsync("TaxPerMu");
        await tax.GetByTestId("obligation-description").FillAsync("达产后亩均税收不低于 30 万元");
        await tax.GetByTestId("obligation-target").FillAsync("30");
        await tax.GetByTestId("obligation-due").FillAsync(today.AddYears(2).ToString("yyyy-MM-dd"));
        await officer.ScreenshotAsync("agreement-1-form");
        await officer.GetByTestId("save-agreement").ClickAsync();
        var row = officer.GetByTestId("agreement-row").Filter(new LocatorFilterOptions { HasText = number });
        await Expect(row).ToHaveCountAsync(1);
        await officer.ScreenshotAsync("agreement-2-recorded");

        // 2. A promise under the agreement, conditional on the tax yield, due yesterday: it falls due with the condition unmet.
        await officer.GetByTestId("start-commitment").ClickUntilVisibleAsync(officer.Locator("#cm-kind"));
        await officer.Locator("#cm-kind").SelectOptionAsync("ApprovalSpeed");
        await officer.Locator("#cm-clause").FillAsync(clause);
        await officer.Locator("#cm-made").FillAsync(today.AddMonths(-2).ToString("yyyy-MM-dd"));
        await officer.Locator("#cm-due").FillAsync(today.AddDays(-1).ToString("yyyy-MM-dd"));
        await officer.Locator("#cm-policy-title").FillAsync("海川市优化营商环境若干措施");
        await officer.Locator("#cm-policy-number").FillAsync("海政发〔2025〕8号");
        await officer.GetByTestId("agreement-select").SelectOptionAsync(await OptionValue(officer.GetByTestId("agreement-select"), number));
        await officer.GetByTestId("condition-options").Locator("label", new() { HasText = "亩均税收不低于 30 万元" }).ClickAsync();
        await Expect(officer.GetByTestId("condition-option").Nth(1)).ToBeCheckedAsync();
        await officer.ScreenshotAsync("agreement-3-conditional-promise");
        await officer.GetByTestId("save-commitment").ClickAsync();
        // Due yesterday: the form asks first, and says it lapses at once once recorded.
        await officer.GetByTestId("confirm-past-due").ClickAsync();
        var promiseRow = officer.GetByTestId("project-commitments").Locator("tbody tr", new() { HasText = clause });
        await Expect(promiseRow).ToHaveCountAsync(1);
        // The grain's reminder takes it up within moments: 条件未成就, not a breach (the page is read again until it has).
        for (var i = 0; i < 60 && await promiseRow.GetByTestId("commitment-status").GetAttributeAsync("data-status") != "ConditionUnmet"; i++)
        {
            await Task.Delay(1_000);
            await officer.ReloadAsync();
            await officer.LiveAsync();
        }
        await Expect(promiseRow.GetByTestId("commitment-status")).ToHaveTextAsync("条件未成就");
        await promiseRow.ScrollIntoViewIfNeededAsync();
        await officer.ScreenshotAsync("agreement-4-condition-unmet");

        // 3. The integrity office sees it under its own label, apart from the breach alerts.
        var integrity = await OtherPageAsync();
        await integrity.SignInAsync("integrity");
        await integrity.OpenAsync("/integrity");
        await integrity.LiveAsync();
        var unmet = integrity.GetByTestId("condition-unmet-section").GetByTestId("condition-unmet-item").Filter(new LocatorFilterOptions { HasText = clause });
        await Expect(unmet).ToHaveCountAsync(1);
        await Expect(unmet.GetByTestId("condition-unmet-obligation")).ToContainTextAsync("亩均税收");
        await unmet.ScrollIntoViewIfNeededAsync();
        await integrity.ScreenshotAsync("agreement-5-integrity-condition-unmet");

        // 4. A colleague who followed the tax-yield obligation leaves: the admin names the officer as successor.
        const string leaver = "e2e_leaver";
        await App.ExecAsync("""
            INSERT INTO users (id, user_name, display_name, unit_id, roles, password_hash, must_change_password, security_stamp, created_at, updated_at)
            SELECT gen_random_uuid(), @leaver, '离任专员', unit_id, roles, password_hash, false, gen_random_uuid(), now(), now() FROM users WHERE user_name = 'officer2';
            UPDATE obligations SET owner_id = (SELECT id FROM users WHERE user_name = @leaver)
            WHERE kind = 'TaxPerMu' AND agreement_id = (SELECT id FROM agreements WHERE upper(number) = upper(@number));
            """, new { leaver, number });
        var admin = await OtherPageAsync();
        await admin.SignInAsync("admin");
        await admin.OpenAsync("/admin/users");
        await admin.LiveAsync();
        var user = admin.GetByTestId("users-table").Locator("tbody tr").Filter(new LocatorFilterOptions { Has = admin.Locator("code", new() { HasTextRegex = new Regex($"^{leaver}$") }) });
        await user.GetByRole(AriaRole.Button).Last.ClickUntilVisibleAsync(admin.GetByTestId("user-open-items"));
        await Expect(admin.GetByTestId("user-open-items")).ToContainTextAsync("企业履约义务");
        await admin.GetByTestId("user-successor").SelectOptionAsync(await OptionValue(admin.GetByTestId("user-successor"), "李志强"));
        await admin.ScreenshotAsync("agreement-6-successor");
        await admin.GetByTestId("disable-user").ClickAsync();
        await admin.GetByTestId("confirm-disable").ClickAsync();
        await Expect(admin.GetByTestId("alert-success")).ToBeVisibleAsync();
        await Expect(user).ToContainTextAsync("停用");

        // 5. The successor finds it on the home page, handed to him, and acknowledges it on record.
        await officer.OpenAsync("/");
        await officer.LiveAsync();
        var handed = officer.GetByTestId("handed-to-you").GetByTestId("handed-item").Filter(new LocatorFilterOptions { HasText = "亩均税收不低于 30 万元" });
        await Expect(handed).ToHaveCountAsync(1);
        await Expect(handed).ToContainTextAsync("离任专员");
        await officer.ScreenshotAsync("agreement-7-handed-to-you");
        await handed.Locator("button[data-testid^=handover-ack-]").ClickAsync();
        await Expect(handed.Locator("button[data-testid^=handover-ack-]")).ToHaveCountAsync(0);
        await officer.ScreenshotAsync("agreement-8-acknowledged");
    });

    private static async Task<string> OptionValue(ILocator select, string text) =>
        (await select.Locator("option", new() { HasText = text }).First.GetAttributeAsync("value"))!;
}
