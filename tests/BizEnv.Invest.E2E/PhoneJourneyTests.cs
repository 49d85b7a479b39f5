using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BizEnv.Invest.E2E;

/// <summary>
/// Officers log visits at the firm, on their phones: at 390 × 844 the navigation waits behind a menu button,
/// each page starts at the top of the screen, and no page is wider than the phone.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PhoneJourneyTests(AppFixture app, BrowserFixture browser) : BrowserTest(app, browser)
{
    [Fact]
    public Task Officer_logs_a_visit_with_a_demand_and_the_integrity_officer_opens_the_alert_queue_on_a_phone() => JourneyAsync("phone", async page =>
    {
        const string purpose = "在企业现场了解扩产用地需求";

        // 1. The officer's home: the page itself on the first screen, the navigation folded away.
        await page.SignInAsync("officer");
        await page.LiveAsync();
        await ExpectPageOnTheFirstScreenAsync(page);
        await Expect(page.Nav().First).Not.ToBeVisibleAsync();
        await page.FitsTheWidthAsync("phone-1-home");

        // 2. The menu opens over the page (named in the page's language) and closes once a page is chosen.
        await OpenMenuAsync(page);
        await Expect(page.GetByTestId("nav-toggle")).ToHaveAttributeAsync("aria-label", "导航菜单");
        await page.ScreenshotAsync("phone-2-menu");
        // By keyboard: the focus starts on the menu's close button; Escape closes it and gives the focus back to the menu button.
        await Expect(page.GetByTestId("nav-close")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await MenuClosedAsync(page);
        await Expect(page.GetByTestId("nav-toggle")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Nav().First).ToBeVisibleAsync();
        await page.FollowAsync(page.Nav().Filter(new() { HasText = "走访" }), "/visits$");
        await MenuClosedAsync(page);

        // 3. A visit with one demand, typed on the phone.
        await page.GetByTestId("new-visit").ClickUntilVisibleAsync(page.Locator("#v-investor"));
        await page.Locator("#v-investor").FillAsync("苏州恒锐");
        await page.Locator("#v-investor-list button").First.ClickAsync();
        await Expect(page.GetByTestId("v-investor-chosen")).ToHaveValueAsync(new Regex("^苏州恒锐"));
        await page.Locator("#v-purpose").FillAsync(purpose);
        await page.GetByTestId("add-demand").ClickAsync();
        await page.Locator("#d-0-desc").FillAsync("协助办理扩产项目环评手续");
        await page.FitsTheWidthAsync("phone-3-visit-form");
        await page.GetByTestId("save-visit").ClickAsync();
        await Expect(page.GetByTestId("alert-success")).ToContainTextAsync("走访已登记");
        await Expect(page.GetByTestId("visits-table").Locator("tbody tr").First).ToContainTextAsync(purpose);
        await page.FitsTheWidthAsync("phone-4-visit-logged");

        // 4. A project's page with its promises.
        await GoThroughMenuAsync(page, page.Nav().Filter(new() { HasTextRegex = new Regex("^\\s*项目\\s*$") }), "/projects$");
        await page.FitsTheWidthAsync("phone-5-projects");
        // A project with promises, reached from the promise ledger: its page lists them, and has the form to record one.
        await GoThroughMenuAsync(page, page.Nav().Filter(new() { HasText = "承诺台账" }), "/commitments$");
        await page.FitsTheWidthAsync("phone-6-promise-ledger");
        await page.FollowAsync(page.GetByTestId("commitments-table").Locator("tbody tr a[href^='/projects/']").First, "/projects/[0-9a-f-]{36}$");
        await Expect(page.GetByTestId("project-commitments").Locator("tbody tr").First).ToBeVisibleAsync();
        await page.FitsTheWidthAsync("phone-7-project");
        await page.GetByTestId("start-commitment").ClickUntilVisibleAsync(page.Locator("#cm-kind"));
        await page.FitsTheWidthAsync("phone-8-promise-form");

        // 5. Signed out from the phone's top bar; the integrity officer opens her alert queue.
        await page.Locator("#logout-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/account/login"));
        await page.FitsTheWidthAsync("phone-9-sign-in");
        await page.SignInAsync("integrity");
        await page.LiveAsync();
        await GoThroughMenuAsync(page, page.Nav().Filter(new() { HasText = "诚信监督" }), "/integrity$");
        await Expect(page.GetByTestId("tab-New")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.GetByTestId("breach-alert").First).ToBeVisibleAsync();
        await ExpectPageOnTheFirstScreenAsync(page);
        await page.FitsTheWidthAsync("phone-10-alert-queue");
    }, Phone);

    private static async Task OpenMenuAsync(IPage page)
    {
        var toggle = page.GetByTestId("nav-toggle");
        await toggle.ClickUntilVisibleAsync(page.Nav().First);
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await page.StillAsync();
    }

    private static async Task GoThroughMenuAsync(IPage page, ILocator link, string pathPattern)
    {
        await OpenMenuAsync(page);
        await page.FollowAsync(link, pathPattern);
        await MenuClosedAsync(page);
    }

    /// <summary>Choosing a page closes the menu (it has slid away once its links are hidden).</summary>
    private static Task MenuClosedAsync(IPage page) => Expect(page.Nav().First).Not.ToBeVisibleAsync();

    /// <summary>The page's heading sits near the top, not below a screenful of navigation.</summary>
    private static async Task ExpectPageOnTheFirstScreenAsync(IPage page)
    {
        var heading = await page.Locator("main h1").First.BoundingBoxAsync();
        heading.ShouldNotBeNull();
        heading.Y.ShouldBeLessThan(200, "the page's heading is on the first screen");
    }
}
