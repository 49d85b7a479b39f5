using BizEnv.Invest.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BizEnv.Invest.E2E;

/// <summary>The few moves every journey makes: sign in, wait for the live (Blazor Server) page, take screenshots.</summary>
public static class Browser
{
    public const string DemoPassword = "Invest@2026";

    public static string ScreenshotDir { get; } = Path.Combine(RepoPaths.TestResults, "e2e");

    public static ILocator Nav(this IPage page) => page.Locator("[data-testid=nav] a.nav-link");

    public static ILocator ErrorAlert(this IPage page) => page.Locator("[data-testid=alert-error]");

    /// <summary>Fills the sign-in form and presses its own submit button (not the language switch's).</summary>
    public static async Task SubmitSignInAsync(this IPage page, string userName, string password)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#userName").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("form:has(#userName) button[type=submit]").ClickAsync();
    }

    /// <summary>Signs in and waits until the page the app sends the user to has loaded and gone live.</summary>
    public static async Task SignInAsync(this IPage page, string userName, string password = DemoPassword, string landsOn = "/")
    {
        await page.SubmitSignInAsync(userName, password);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == landsOn);
        await page.SettleAsync();
    }

    /// <summary>Opens an app page and waits until its Blazor circuit has had time to connect.</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.SettleAsync();
    }

    /// <summary>Waits for running CSS transitions (a menu sliding in or out) to end, so a screenshot shows where things stop.</summary>
    public static Task StillAsync(this IPage page) =>
        page.EvaluateAsync("() => Promise.all(document.getAnimations().filter(a => a instanceof CSSTransition).map(a => a.finished.catch(() => {})))");

    public static Task SettleAsync(this IPage page) => page.WaitForLoadStateAsync(LoadState.NetworkIdle);

    /// <summary>Waits until the Blazor circuit has attached to the page (the layout marks itself data-live), so typed input is not lost.</summary>
    public static Task LiveAsync(this IPage page) => Expect(page.Locator(".app-shell[data-live=true]")).ToBeAttachedAsync();

    /// <summary>Follows a link inside the live page (client-side navigation, same circuit) and waits for the new address.</summary>
    public static async Task FollowAsync(this IPage page, ILocator link, string pathPattern)
    {
        await link.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(pathPattern));
    }

    /// <summary>
    /// Clicks a live-page button until its effect shows: a click that lands before the Blazor circuit
    /// has attached to the prerendered markup does nothing, so it is repeated (the clicks used here are idempotent).
    /// </summary>
    public static async Task ClickUntilVisibleAsync(this ILocator target, ILocator effect, int attempts = 20)
    {
        for (var attempt = 1; ; attempt++)
        {
            await target.ClickAsync();
            try
            {
                await effect.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 1_000 });
                return;
            }
            catch (TimeoutException) when (attempt < attempts)
            {
            }
        }
    }

    /// <summary>Presses the language switch (a plain form post) and waits for the page to come back in that language.</summary>
    public static async Task SwitchLanguageAsync(this IPage page, string expectedHomeLink)
    {
        await page.Locator("[data-testid=language-switch] button[type=submit]").ClickAsync();
        await Expect(page.Nav().First).ToHaveTextAsync(expectedHomeLink);
        await page.SettleAsync();
    }

    /// <summary>
    /// Takes the page's screenshot, then fails if the page is wider than the window (it would scroll sideways),
    /// naming the elements that stick out. A wide table may scroll inside its own box: that does not widen the page.
    /// </summary>
    public static async Task FitsTheWidthAsync(this IPage page, string screenshot)
    {
        await page.StillAsync();
        await page.ScreenshotAsync(screenshot);
        var overflow = await page.EvaluateAsync<string[]>("""
            () => {
              const width = window.innerWidth;
              if (document.documentElement.scrollWidth <= width) return [];
              const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '');
              const wide = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 1).map(name);
              return [`page ${document.documentElement.scrollWidth}px wide in a ${width}px window`, ...wide.slice(-8)];
            }
            """);
        overflow.ShouldBeEmpty($"{page.Url} scrolls sideways");
    }

    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });
    }
}
