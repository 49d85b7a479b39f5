using BizEnv.Invest.Web.Components.Shared;
using Bunit;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>
/// The chart wrapper's contract with its script: draw after render, draw again only for a new option object (page
/// re-renders for other reasons must not redraw), free the chart when the component goes. The drawing itself is the
/// browser's, seen in the Chromium journeys.
/// </summary>
public sealed class EChartTests : ComponentTest
{
    [Fact]
    public async Task The_chart_is_drawn_once_per_option_and_disposed_with_the_component()
    {
        var module = JSInterop.SetupModule("./js/echart.js");
        module.SetupVoid("render", _ => true);
        module.SetupVoid("dispose", _ => true);
        var first = new { series = new[] { 1, 2 } };

        var cut = Render<EChart>(p => p.Add(x => x.Option, first).Add(x => x.Summary, "三季度签约 2 个项目").Add(x => x.TestId, "chart"));
        var div = cut.Find("[data-testid=chart]");
        div.GetAttribute("role").ShouldBe("img");
        div.GetAttribute("aria-label").ShouldBe("三季度签约 2 个项目");
        div.GetAttribute("style").ShouldBe("height: 18rem");
        module.VerifyInvoke("render", calledTimes: 1).Single().Arguments[1].ShouldBeSameAs(first);

        cut.Render(p => p.Add(x => x.Summary, "三季度签约 2 个项目（更新）"));
        module.VerifyInvoke("render", calledTimes: 1);

        var second = new { series = new[] { 3 } };
        cut.Render(p => p.Add(x => x.Option, second));
        module.VerifyInvoke("render", calledTimes: 2)[1].Arguments[1].ShouldBeSameAs(second);

        await DisposeComponentsAsync();
        module.VerifyInvoke("dispose", calledTimes: 1);
    }
}
