using Microsoft.Playwright;

namespace BizEnv.Invest.E2E;

/// <summary>
/// Base of the journey classes: each journey gets a fresh browser context (its own cookies) on the
/// class's Chromium; a failed journey leaves a screenshot and the app's output beside the others.
/// The Content-Security-Policy is enforced in every journey: any violation in any of its browsers fails it.
/// Derived classes carry [Collection(AppCollection.Name)] to share the one app process.
/// </summary>
public abstract class BrowserTest(AppFixture app, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    static BrowserTest() => Assertions.SetDefaultExpectTimeout(10_000);

    protected AppFixture App => app;

    // Further people in the same journey (each with their own cookies), closed with it.
    private readonly List<IBrowserContext> _others = [];
    private readonly List<CspViolations> _violations = [];

    /// <summary>A phone held upright (an iPhone 12–15's CSS size): officers log visits at the firm on theirs.</summary>
    protected static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private static readonly ViewportSize Desktop = new() { Width = 1366, Height = 900 };

    protected async Task JourneyAsync(string name, Func<IPage, Task> journey, ViewportSize? viewport = null)
    {
        var context = await NewContextAsync(viewport ?? Desktop);
        var page = await context.NewPageAsync();
        try
        {
            await journey(page);
            var violations = _violations.SelectMany(v => v.Seen).ToList();
            violations.ShouldBeEmpty($"the journey broke the Content-Security-Policy:\n{string.Join("\n", violations)}");
        }
        catch
        {
            await SaveFailureAsync(page, name);
            for (var i = 0; i < _others.Count; i++)
                foreach (var other in _others[i].Pages)
                    await SaveFailureAsync(other, $"{name}-{i + 2}");
            throw;
        }
        finally
        {
            foreach (var other in _others)
                await other.CloseAsync();
            _others.Clear();
            _violations.Clear();
            await context.CloseAsync();
        }
    }

    /// <summary>A second person's browser in the same journey (own cookies): for work that happens side by side, like a page left open while others act.</summary>
    protected async Task<IPage> OtherPageAsync()
    {
        var context = await NewContextAsync(Desktop);
        _others.Add(context);
        return await context.NewPageAsync();
    }

    private async Task<IBrowserContext> NewContextAsync(ViewportSize viewport)
    {
        var phone = viewport.Width < 768;
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = viewport,
            // A phone honours the page's viewport meta tag and has a touch screen, as the real one does.
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = phone ? 2 : 1,
        });
        context.SetDefaultTimeout(15_000);
        _violations.Add(await CspViolations.WatchAsync(context));
        return context;
    }

    private async Task SaveFailureAsync(IPage page, string name)
    {
        try
        {
            await page.ScreenshotAsync($"FAILED-{name}");
            await File.WriteAllTextAsync(Path.Combine(Browser.ScreenshotDir, $"FAILED-{name}.log"), $"{page.Url}\n\n{app.Output}");
        }
        catch (PlaywrightException)
        {
            // The journey's own failure is what matters; a page too broken to photograph adds nothing.
        }
    }
}
