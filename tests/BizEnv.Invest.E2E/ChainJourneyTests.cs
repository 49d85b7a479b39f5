using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BizEnv.Invest.E2E;

/// <summary>
/// The chain map 产业链招商图谱: an officer reads the three demo chains, opens 新能源汽车, clicks a missing
/// node in the graph itself, adds a target for it from the registry, and logs a visit against that target.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ChainJourneyTests(AppFixture app, BrowserFixture browser) : BrowserTest(app, browser)
{
    private const string GuidPattern = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    [Fact]
    public Task Officer_clicks_a_missing_node_adds_a_target_and_logs_a_visit_against_it() => JourneyAsync("chains-officer", async page =>
    {
        const string node = "电池管理系统", firm = "合肥天衡集成电路有限公司", purpose = "对接 BMS 芯片与电池管理系统项目";

        await page.SignInAsync("officer");
        await page.LiveAsync();

        // 1. The chains with their completeness.
        await page.FollowAsync(page.Nav().Filter(new() { HasText = "产业链图谱" }), "/chains$");
        var cards = page.GetByTestId("chain-card");
        await Expect(cards).ToHaveCountAsync(3);
        var nev = cards.Filter(new() { HasText = "新能源汽车" });
        await Expect(nev.GetByTestId("completeness")).ToContainTextAsync(new Regex(@"\d+(\.\d)?%"));
        await Expect(cards.Filter(new() { HasText = "高端装备制造" })).ToBeVisibleAsync();
        await Expect(cards.Filter(new() { HasText = "生物医药" })).ToBeVisibleAsync();
        await page.ScreenshotAsync("chains-1-list");

        // 2. The 新能源汽车 graph: every node drawn, coloured by status, upstream on the left.
        await page.FollowAsync(nev.GetByTestId("open-chain"), $"/chains/{GuidPattern}$");
        await Expect(page.GetByTestId("chain-name")).ToHaveTextAsync("新能源汽车");
        var graph = page.GetByTestId("chain-graph");
        await Expect(graph.Locator("canvas").First).ToBeVisibleAsync();
        var buttons = page.GetByTestId("chain-node");
        var count = await buttons.CountAsync();
        count.ShouldBeInRange(12, 20);
        await Expect(graph).ToHaveAttributeAsync("data-nodes", count.ToString());
        await Expect(buttons.Filter(new() { HasText = "驱动电机" })).ToHaveAttributeAsync("data-status", "Weak");

        // 3. A click on the missing node in the chart (its centre, from the chart's own coordinates) opens it.
        var missing = buttons.Filter(new() { HasTextRegex = new Regex($"^{node}$") });
        await Expect(missing).ToHaveAttributeAsync("data-status", "Missing");
        var nodeId = await missing.GetAttributeAsync("data-node-id");
        var pixel = await page.EvaluateAsync<double[]>("""
            id => {
              const chart = echarts.getInstanceByDom(document.querySelector('[data-testid=chain-graph]'));
              const n = chart.getOption().series[0].data.find(d => d.id === id);
              return chart.convertToPixel({ seriesIndex: 0 }, n.value);
            }
            """, nodeId);
        var box = (await graph.BoundingBoxAsync())!;
        await page.Mouse.ClickAsync((float)(box.X + pixel[0]), (float)(box.Y + pixel[1]));
        var panel = page.GetByTestId("node-panel");
        await Expect(page.GetByTestId("node-panel-name")).ToHaveTextAsync(node);
        await Expect(panel.Locator("[data-node-status]").First).ToHaveTextAsync("缺失");
        await Expect(graph).ToHaveAttributeAsync("data-selected", nodeId!);
        // The zones whose leading industries match the node (C3982 → the high-tech zone leads in C39), with what they can offer.
        await Expect(panel.GetByTestId("node-zones")).ToContainTextAsync("海川高新技术产业开发区");
        await Expect(panel.GetByTestId("node-zones")).ToContainTextAsync("可用土地");
        // The hover tooltip would hide nodes in the screenshot.
        await page.Mouse.MoveAsync(1, 1);
        await page.EvaluateAsync("() => echarts.getInstanceByDom(document.querySelector('[data-testid=chain-graph]')).dispatchAction({ type: 'hideTip' })");
        await Expect(graph.Locator("div[style*='z-index: 9999999']")).ToBeHiddenAsync();
        await page.ScreenshotAsync("chains-2-graph");

        // 4. A target for it, from the registry: 补链, identified.
        await panel.GetByTestId("add-target").ClickAsync();
        await Expect(panel.GetByTestId("target-form")).ToContainTextAsync("补链");
        await panel.GetByTestId("save-target").ClickAsync();
        await Expect(panel.Locator("#tg-reason-error")).ToContainTextAsync("请写明该企业为何适合");
        await Expect(panel.Locator("#tg-investor-error")).ToContainTextAsync("请从投资方库中选择企业");
        await panel.Locator("#tg-investor").FillAsync("合肥天衡");
        await panel.Locator("#tg-investor-list button", new() { HasText = firm }).ClickAsync();
        await Expect(panel.GetByTestId("tg-investor-chosen")).ToHaveValueAsync(firm);
        await panel.Locator("#tg-reason").FillAsync("车规级芯片设计企业，正向 BMS 模组延伸，可补齐本地电池管理系统缺口。");
        await panel.GetByTestId("save-target").ClickAsync();
        await Expect(panel.GetByTestId("alert-success")).ToContainTextAsync($"已添加招商目标：{firm}");
        var target = panel.GetByTestId("node-target").Filter(new() { HasText = firm });
        await Expect(target.Locator("[data-label]")).ToHaveTextAsync("补链");
        await Expect(target.Locator("[data-target-status]")).ToHaveTextAsync("已识别");

        // 5. The target's page: log a visit against it — it becomes contacted and the path shows the visit.
        await page.FollowAsync(target.Locator("a", new() { HasText = firm }), $"/chains/targets/{GuidPattern}$");
        await Expect(page.GetByTestId("target-name")).ToHaveTextAsync(firm);
        var path = page.GetByTestId("target-path");
        await Expect(path.Locator("[data-step=visited]")).ToHaveAttributeAsync("data-done", "false");
        await page.GetByTestId("log-target-visit").ClickAsync();
        await Expect(page.GetByTestId("v-investor-chosen")).ToHaveValueAsync(firm);
        await page.Locator("#v-purpose").FillAsync(purpose);
        await page.GetByTestId("save-visit").ClickAsync();
        await Expect(page.GetByTestId("alert-success")).ToContainTextAsync("走访已记录");
        await Expect(page.GetByTestId("target-visits").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("target-visits")).ToContainTextAsync(purpose);
        await Expect(page.Locator("[data-target-status]").First).ToHaveTextAsync("已接触");
        await Expect(path.Locator("[data-step=visited]")).ToHaveAttributeAsync("data-done", "true");
        await Expect(path.Locator("[data-step=node]")).ToContainTextAsync($"{node}：缺失");
        await page.ScreenshotAsync("chains-3-target-visit");

        // 6. The visit is in the CRM's list too, and the target list shows it contacted.
        await page.OpenAsync("/chains/targets");
        var row = page.GetByTestId("target-row").Filter(new() { HasText = firm });
        await Expect(row.Locator("[data-target-status]")).ToHaveTextAsync("已接触");
        await page.OpenAsync("/visits");
        await Expect(page.GetByTestId("visits-table")).ToContainTextAsync(purpose);

        // 7. The chain's report for this year: a row per node, the visit counted, an .xlsx export of the same period.
        await page.OpenAsync("/chains");
        await page.FollowAsync(page.GetByTestId("chain-card").Filter(new() { HasText = "新能源汽车" }).Locator("a", new() { HasText = "招商报告" }), $"/chains/{GuidPattern}/report$");
        var report = page.GetByTestId("report-table");
        await Expect(report.Locator("tbody tr")).ToHaveCountAsync(count);
        await Expect(report.Locator($"tr[data-node='{node}'] td").Nth(6)).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("export-chain-report")).ToHaveAttributeAsync("href", new Regex(@"/report/export\?from=\d{4}-01-01&to=\d{4}-\d{2}-\d{2}$"));
        await page.ScreenshotAsync("chains-4-report");
    });
}
