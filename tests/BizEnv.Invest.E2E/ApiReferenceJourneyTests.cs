using static Microsoft.Playwright.Assertions;

namespace BizEnv.Invest.E2E;

/// <summary>An admin opens Scalar's API reference from the menu; it renders the API's operations under the site's CSP.</summary>
[Collection(AppCollection.Name)]
public sealed class ApiReferenceJourneyTests(AppFixture app, BrowserFixture browser) : BrowserTest(app, browser)
{
    [Fact]
    public Task Admin_reads_the_API_reference() => JourneyAsync("api-reference", async page =>
    {
        await page.SignInAsync("admin");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "接口文档" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/admin/api-reference", StringComparison.Ordinal));

        // Operations as the OpenAPI document names them (WithSummary), rendered by Scalar's script; the first tag is open.
        await Expect(page.GetByText("Get an antiforgery token for the X-XSRF-TOKEN header of state-changing calls").First).ToBeVisibleAsync();
        await Expect(page.GetByText("BizEnv.Invest API").First).ToBeVisibleAsync();
        await page.ScreenshotAsync("api-reference");
    });
}
