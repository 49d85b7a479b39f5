using BizEnv.Invest.Application.Commitments.AgreementFigures;
using BizEnv.Invest.Application.Commitments.AgreementFigures.GetAgreementFigures;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Application.Units;
using BizEnv.Invest.Application.Units.ListUnits;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Web.Components.Pages.Commitments;
using Bunit;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>
/// The agreement figures on /figures: the pivot of what promises still owe (unit × year due, totals, lapsed apart), the
/// obligations by kind with the met rate, defaults with the recovery rate, and the unit filter that narrows both the
/// figures and the export. The figures themselves are computed and tested on real PostgreSQL (AgreementFigureTests).
/// </summary>
public sealed class AgreementFiguresSectionTests : AppPageComponentTest
{
    private static readonly Guid One = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid Two = Guid.Parse("00000000-0000-0000-0000-0000000000a2");

    private static readonly AgreementFigureSet Figures = new(null,
        [
            new LiabilityFigure(2025, One, "招商一处", 0m, 600_000m),
            new LiabilityFigure(2027, One, "招商一处", 2_200_000m, 0m),
            new LiabilityFigure(2028, One, "招商一处", 1_400_000m, 0m),
            new LiabilityFigure(2027, Two, "招商二处", 4_000_000m, 0m),
            new LiabilityFigure(2028, Two, "招商二处", 666_700m, 0m),
        ],
        [new ObligationKindFigure("StartOfConstruction", 1, 0, 1, 0, 0), new ObligationKindFigure("TaxPerMu", 0, 1, 1, 1, 0)],
        [new DefaultFigure(One, "招商一处", 1, 2, 1_300_000m, 700_000m)]);

    public AgreementFiguresSectionTests()
    {
        var module = JSInterop.SetupModule("./js/echart.js");
        module.SetupVoid("render", _ => true);
        module.SetupVoid("dispose", _ => true);
        Answers.On<ListUnits, IReadOnlyList<UnitDto>>(_ =>
            [new UnitDto(One, null, "ZS1", "招商一处", "Division One", UnitKind.Division, 0, 3, 1), new UnitDto(Two, null, "ZS2", "招商二处", "Division Two", UnitKind.Division, 0, 3, 1)]);
    }

    [Fact]
    public void The_pivot_shows_each_unit_by_year_due_with_totals_and_lapsed_money_apart()
    {
        using var _ = In(Text.Chinese);
        Answers.On<GetAgreementFigures, AgreementFigureSet>(_ => Figures);
        var cut = Render<AgreementFiguresSection>();

        var table = cut.Find("[data-testid=liabilities-table]");
        table.QuerySelectorAll("thead th").Select(th => th.TextContent).ShouldBe(["单位", "2027 年到期", "2028 年到期", "待兑现合计", "已逾期未兑现"]);
        var rows = cut.FindAll("[data-testid=liability-row]");
        rows.Select(r => r.QuerySelector("th")!.TextContent).ShouldBe(["招商一处", "招商二处"]);
        Yuan(rows[0]).ShouldBe(["2200000.00", "1400000.00", "3600000.00", "600000.00"]);
        Yuan(rows[1]).ShouldBe(["4000000.00", "666700.00", "4666700.00", "0.00"]);
        rows[0].QuerySelectorAll("td")[3].ClassList.ShouldContain("text-danger"); // lapsed money owed
        Yuan(cut.Find("[data-testid=liability-totals]")).ShouldBe(["6200000.00", "2066700.00", "8266700.00", "600000.00"]);
        cut.Find("[data-testid=liability-totals] .money").TextContent.ShouldBe("620 万元");
        cut.Find("[data-testid=chart-liabilities]").GetAttribute("aria-label")!.ShouldContain("2027 年到期 620 万元");

        var obligations = cut.FindAll("[data-testid=obligation-row]");
        obligations.Select(r => r.QuerySelector("th")!.TextContent).ShouldBe(["开工", "亩均税收"]);
        obligations[1].QuerySelectorAll("td").Select(td => td.TextContent).ShouldBe(["0", "1", "1", "1", "0", "33.3%"]);
        cut.Find("[data-testid=obligation-totals]").QuerySelectorAll("td").Select(td => td.TextContent).ShouldBe(["1", "1", "2", "1", "0", "40%"]);

        var defaults = cut.Find("[data-testid=default-totals]");
        Yuan(defaults).ShouldBe(["1300000.00", "700000.00"]);
        defaults.QuerySelectorAll("td").Last().TextContent.ShouldBe("53.8%");
        cut.Find("[data-testid=agreement-figures-export]").GetAttribute("href").ShouldBe("/api/v1/commitments/dashboard/agreement-figures/export");
    }

    [Fact]
    public void Choosing_a_unit_asks_for_its_figures_and_exports_them_and_nothing_yet_says_so()
    {
        using var _ = In(Text.English);
        Answers.On<GetAgreementFigures, AgreementFigureSet>(r => r.UnitId is null ? Figures : new AgreementFigureSet("Division Two", [], [], []));
        var cut = Render<AgreementFiguresSection>();

        cut.Find("[data-testid=agreement-figures-unit]").Change(Two.ToString());

        Answers.Sent.Select(s => s.Request).OfType<GetAgreementFigures>().ShouldBe([new GetAgreementFigures(), new GetAgreementFigures(Two)]);
        cut.Find("[data-testid=agreement-figures-export]").GetAttribute("href").ShouldBe($"/api/v1/commitments/dashboard/agreement-figures/export?unitId={Two}");
        cut.Find("[data-testid=liabilities-none]").TextContent.ShouldBe("Nothing yet");
        cut.FindAll("[data-testid=obligations-none]").Count.ShouldBe(1);
        cut.FindAll("[data-testid=defaults-none]").Count.ShouldBe(1);
        cut.FindAll("table").ShouldBeEmpty();
    }

    private static string[] Yuan(AngleSharp.Dom.IElement row) =>
        row.QuerySelectorAll(".money").Select(m => m.GetAttribute("data-yuan")!).ToArray();
}
