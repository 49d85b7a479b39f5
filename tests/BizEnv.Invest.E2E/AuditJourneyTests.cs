using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BizEnv.Invest.E2E;

[Collection(AppCollection.Name)]
public sealed class AuditJourneyTests(AppFixture app, BrowserFixture browser) : BrowserTest(app, browser)
{
    [Fact]
    public Task Integrity_officer_sees_their_own_sign_in_in_the_audit_log() => JourneyAsync("audit-integrity", async page =>
    {
        await page.SignInAsync("integrity");
        await page.OpenAsync("/audit");

        var rows = page.GetByTestId("audit-table").Locator("tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        // Columns: time, user, action, object type, object (by name), outcome, IP — all in the UI language.
        var ownSignIns = rows
            .Filter(new LocatorFilterOptions { Has = page.Locator("td:nth-child(2)", new PageLocatorOptions { HasTextRegex = new Regex("^integrity\\b") }) })
            .Filter(new LocatorFilterOptions { Has = page.Locator("td:nth-child(3)", new PageLocatorOptions { HasTextRegex = new Regex("^登录$") }) });
        await Expect(ownSignIns.First).ToBeVisibleAsync();
        // Outcomes show in the UI language (成功); the raw "success" stays in the tooltip and the export.
        (await ownSignIns.First.Locator("td:nth-child(6)").InnerTextAsync()).Trim().ShouldBe("成功");
        (await ownSignIns.First.Locator("td:nth-child(5)").InnerTextAsync()).Trim().ShouldContain("(integrity)"); // the user signed in, by name
        await page.ScreenshotAsync("audit-integrity");
    });

    [Fact]
    public Task The_ledger_check_reads_in_each_language_without_codes() => JourneyAsync("ledger-words", async page =>
    {
        await page.SignInAsync("integrity");
        foreach (var (language, intact) in new[] { ("zh-CN", "台账完整"), ("en-US", "Intact") })
        {
            if (language == "en-US")
                await page.SwitchLanguageAsync("Home");
            await page.OpenAsync("/ledger");
            await page.GetByTestId("verify-ledger").ClickAsync();
            var result = page.GetByTestId("ledger-result");
            await Expect(result).ToHaveAttributeAsync("data-intact", "true");
            var text = await result.InnerTextAsync();
            text.ShouldContain(intact);
            Regex.IsMatch(text, @"ledger\.|[0-9a-f]{8}-[0-9a-f]{4}").ShouldBeFalse(text); // no string-table key, no id
            await page.ScreenshotAsync($"ledger-{language}");
        }
        await page.SwitchLanguageAsync("首页"); // the language is remembered for the user: leave it as the other journeys expect
    });
}
