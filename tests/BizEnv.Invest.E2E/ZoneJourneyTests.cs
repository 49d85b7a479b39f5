using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BizEnv.Invest.E2E;

/// <summary>
/// Parks and zones: the park manager keeps a zone's capacity and checklist (a cut below what projects
/// hold is refused, every change lands in the history); an officer filters the investment map, opens a
/// zone from the chart, and asks the site finder where a project fits.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ZoneJourneyTests(AppFixture app, BrowserFixture browser) : BrowserTest(app, browser)
{
    private const string GuidPattern = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    [Fact]
    public Task Park_manager_updates_land_and_a_checklist_item_and_sees_the_history() => JourneyAsync("zones-park", async page =>
    {
        const string zone = "临港新能源片区", landReason = "东区二期土地收储完成，新增 100 亩工业用地", powerReason = "110kV 临港变电站投运";

        await page.SignInAsync("park");
        await page.LiveAsync();

        // Home: my park, its zones with capacity; from there to a zone.
        var myPark = page.GetByTestId("my-park");
        await Expect(myPark).ToContainTextAsync("海川经济技术开发区");
        await page.FollowAsync(myPark.Locator("a", new() { HasText = zone }), $"/zones/{GuidPattern}$");
        await Expect(page.Locator("main h1")).ToHaveTextAsync(zone);
        var land = page.GetByTestId("zone-capacity").Locator("tr[data-resource=Land]");
        await Expect(land.GetByTestId("cap-total")).ToContainTextAsync("1,200 亩");
        await Expect(land.GetByTestId("cap-reserved")).Not.ToContainTextAsync(new Regex("^0 亩"));

        // 1. A land total below what projects already hold: refused, the reason beside the field.
        await Expect(page.Locator("#cap-resource")).ToHaveValueAsync("Land");
        await page.Locator("#cap-total").FillAsync("10");
        await page.Locator("#cap-reason").FillAsync("核减可用土地");
        await page.GetByTestId("save-capacity").ClickAsync();
        await Expect(page.Locator("#cap-total-error")).ToContainTextAsync(new Regex("土地总量不能调到 10 亩：已被项目预留 [0-9,.]+ 亩"));
        await Expect(page.Locator("#cap-total")).ToHaveClassAsync(new Regex("is-invalid"));
        await Expect(land.GetByTestId("cap-total")).ToContainTextAsync("1,200 亩");
        await page.ScreenshotAsync("zones-1-refused");

        // 2. A larger total with its reason.
        await page.Locator("#cap-total").FillAsync("1300");
        await page.Locator("#cap-reason").FillAsync(landReason);
        await page.GetByTestId("save-capacity").ClickAsync();
        await Expect(page.GetByTestId("capacity-form").Locator("xpath=..").GetByTestId("alert-success")).ToContainTextAsync("1,300 亩");
        await Expect(land.GetByTestId("cap-total")).ToContainTextAsync("1,300 亩");
        await Expect(land.GetByTestId("cap-total")).ToContainTextAsync("86.67 公顷");

        // 3. A checklist item: 通电 now ready.
        var power = page.GetByTestId("zone-checklist").Locator("[data-item=Power]");
        await Expect(power.Locator("[data-status]")).Not.ToHaveTextAsync("已具备");
        await page.Locator("#rd-item").SelectOptionAsync("Power");
        await page.Locator("#rd-status").SelectOptionAsync("Ready");
        await Expect(page.Locator("#rd-expected")).ToBeDisabledAsync();
        await page.Locator("#rd-reason").FillAsync(powerReason);
        await page.GetByTestId("save-readiness").ClickAsync();
        await Expect(power.Locator("[data-status]")).ToHaveTextAsync("已具备");

        // 4. Both in the history, newest first: what, before → after, why, who.
        var history = page.GetByTestId("zone-history").Locator("> li");
        await Expect(history.Nth(0)).ToContainTextAsync("通电");
        await Expect(history.Nth(0)).ToContainTextAsync("已具备");
        await Expect(history.Nth(0)).ToContainTextAsync(powerReason);
        await Expect(history.Nth(0)).ToContainTextAsync("陈建国");
        await Expect(history.Nth(1)).ToContainTextAsync("土地");
        await Expect(history.Nth(1)).ToContainTextAsync("1,200 亩");
        await Expect(history.Nth(1)).ToContainTextAsync("1,300 亩");
        await Expect(history.Nth(1)).ToContainTextAsync(landReason);
        await page.ScreenshotAsync("zones-2-history");
    });

    [Fact]
    public Task Officer_uses_the_site_finder_and_the_map() => JourneyAsync("zones-officer", async page =>
    {
        await page.SignInAsync("officer");
        await page.LiveAsync();

        // 1. The map, filtered to the parks leading in C38 (electrical machinery: batteries).
        await page.FollowAsync(page.Nav().Filter(new() { HasText = "招商地图" }), "/map$");
        var map = page.GetByTestId("zone-map");
        await Expect(map.Locator("canvas").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("map-zone")).ToHaveCountAsync(10);
        await page.Locator("#m-industry").FillAsync("C38");
        await page.GetByTestId("map-apply").ClickAsync();
        await Expect(page.GetByTestId("map-zone")).ToHaveCountAsync(4);
        await Expect(map).ToHaveAttributeAsync("data-zones", "4");

        // 2. A click on a zone's circle in the chart opens the side panel.
        var first = page.GetByTestId("map-zone").First;
        var name = (await first.InnerTextAsync()).Trim();
        var id = await first.GetAttributeAsync("data-zone-id");
        var lng = double.Parse((await first.GetAttributeAsync("data-lng"))!, CultureInfo.InvariantCulture);
        var lat = double.Parse((await first.GetAttributeAsync("data-lat"))!, CultureInfo.InvariantCulture);
        var pixel = await page.EvaluateAsync<double[]>(
            "([lng, lat]) => echarts.getInstanceByDom(document.querySelector('[data-testid=zone-map]')).convertToPixel({ seriesIndex: 2 }, [lng, lat])",
            new[] { lng, lat });
        var box = (await map.BoundingBoxAsync())!;
        await page.Mouse.ClickAsync((float)(box.X + pixel[0]), (float)(box.Y + pixel[1]));
        await Expect(page.GetByTestId("zone-panel-name")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("zone-panel")).ToContainTextAsync("海川经济技术开发区");
        await Expect(page.GetByTestId("zone-panel-link")).ToHaveAttributeAsync("href", $"/zones/{id}");
        // The hover tooltip would hide the zones behind it in the screenshot.
        await page.Mouse.MoveAsync(1, 1);
        await page.EvaluateAsync("() => echarts.getInstanceByDom(document.querySelector('[data-testid=zone-map]')).dispatchAction({ type: 'hideTip' })");
        await Expect(map.Locator("div[style*='z-index: 9999999']")).ToBeHiddenAsync();
        await page.ScreenshotAsync("map-1");

        // 3. The site finder: 100 亩, 5,000 kVA, a lithium-battery maker (C3841) — ranked, with the reasons.
        await page.Locator("#sf-land").FillAsync("100");
        await page.Locator("#sf-power").FillAsync("5000");
        await page.Locator("#sf-industry").FillAsync("C3841");
        await page.GetByTestId("find-sites").ClickAsync();
        var results = page.GetByTestId("site-results").Locator("> li");
        await Expect(results).ToHaveCountAsync(10);
        await Expect(results.First).ToHaveAttributeAsync("data-fits", "true");
        await Expect(results.First.GetByTestId("site-reasons")).ToContainTextAsync("主导产业匹配");
        await Expect(results.First.GetByTestId("site-reasons")).ToContainTextAsync(new Regex(@"满足需求 100(\.0)? 亩"));
        await Expect(results.Last).ToHaveAttributeAsync("data-fits", "false");
        await Expect(results.Last.GetByTestId("site-reasons")).ToContainTextAsync("不足需求");
        await Expect(results.Last.GetByTestId("site-fit")).ToHaveTextAsync("不满足");
        await page.ScreenshotAsync("sites-1");
    });
}
