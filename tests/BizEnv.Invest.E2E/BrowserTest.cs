using Microsoft.Playwright;

namespace BizEnv.Invest.E2E;

/// <summary>
/// Base of the journey classes: each journey gets a fresh browser context (its own cookies) on the
/// class's Chromium; a failed journey leaves a screenshot and the app's output beside the others.
/// Derived classes carry [Collection(AppCollection.Name)] to share the one app process.
/// </summary>
public abstract class BrowserTest(AppFixture app, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    static BrowserTest() => Assertions.SetDefaultExpectTimeout(10_000);

    protected AppFixture App => app;

    // Further people in the same journey (each with their own cookies), closed with it.
    private readonly List<IBrowserContext> _others = [];

    protected async Task JourneyAsync(string name, Func<IPage, Task> journey)
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        try
        {
            await journey(page);
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
            await context.CloseAsync();
        }
    }

    /// <summary>A second person's browser in the same journey (own cookies): for work that happens side by side, like a page left open while others act.</summary>
    protected async Task<IPage> OtherPageAsync()
    {
        var context = await NewContextAsync();
        _others.Add(context);
        return await context.NewPageAsync();
    }

    private async Task<IBrowserContext> NewContextAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
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
