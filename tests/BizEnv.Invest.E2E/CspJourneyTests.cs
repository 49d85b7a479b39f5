using Microsoft.Playwright;

namespace BizEnv.Invest.E2E;

/// <summary>The policy really refuses an injected inline script, and the journeys' watch really sees it.</summary>
[Collection(AppCollection.Name)]
public sealed class CspJourneyTests(AppFixture app, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_inline_script_injected_into_a_page_does_not_run_and_is_reported()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        var violations = await CspViolations.WatchAsync(context);
        var page = await context.NewPageAsync();
        await page.SignInAsync("officer");
        await page.LiveAsync();
        violations.Seen.ShouldBeEmpty("the app's own pages keep to the policy");

        // What an attacker's markup would do: add a script element with inline code (not from a file, no nonce).
        await page.EvaluateAsync("""
            () => { const s = document.createElement('script'); s.textContent = 'window.__injected = true'; document.body.append(s); }
            """);

        (await violations.AnyWithinAsync(TimeSpan.FromSeconds(5))).ShouldBeTrue("the violation is reported");
        (await page.EvaluateAsync<bool>("() => window.__injected === true")).ShouldBeFalse("the policy must refuse inline script");
        violations.Seen.ShouldContain(v => v.Contains("script-src", StringComparison.Ordinal));
    }
}
