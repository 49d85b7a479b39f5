using BizEnv.Invest.Application.Commitments.AgreementFigures;
using BizEnv.Invest.Application.Commitments.GetCommitmentDashboard;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Commitments;

namespace BizEnv.Invest.Web.Components.Pages.Commitments;

/// <summary>
/// The ECharts options of the promise figures, built here so that every word is in the reader's language and the
/// colours match the badges elsewhere (a lapsed promise is red on the chart as on the ledger). Animation is off: the
/// figures are read, not watched, and screenshots stay stable.
/// </summary>
public static class CommitmentCharts
{
    // Bootstrap's colours, as the status badges use them.
    private static readonly Dictionary<string, string> Colors = new()
    {
        ["primary"] = "#0d6efd", ["info"] = "#0dcaf0", ["warning"] = "#ffc107", ["success"] = "#198754", ["secondary"] = "#6c757d",
        ["danger"] = "#dc3545", ["dark"] = "#212529", ["light"] = "#adb5bd",
    };

    // Distinct colours for units (one series each), then repeated.
    private static readonly string[] Palette = ["#0d6efd", "#d63384", "#fd7e14", "#20c997", "#6f42c1", "#0dcaf0", "#ffc107", "#198754", "#dc3545", "#6610f2"];

    public static object ByStatus(IReadOnlyList<CountBy> byStatus) =>
        Pie(byStatus.Select(s => (Text.Get($"commitmentstatus.{s.Key}"), s.Count,
            Colors[Enum.TryParse<CommitmentStatus>(s.Key, out var status) ? CommitmentFormat.StatusColor(status) : "light"])).ToList());

    // A narrow card: the counts go inside the ring, the names in the legend.
    public static object CasesByOutcome(IReadOnlyList<CountBy> outcomes) =>
        Pie(outcomes.Select((o, i) => (Text.Get($"accountabilityoutcome.{o.Key}"), o.Count, o.Key == "Pending" ? Colors["warning"] : Palette[i % Palette.Length])).ToList(),
            labelsInside: true);

    public static object ByKind(IReadOnlyList<CountBy> byKind)
    {
        if (byKind.Count == 0)
            return Empty();
        return new
        {
            animation = false,
            tooltip = new { trigger = "axis", axisPointer = new { type = "shadow" } },
            grid = new { left = 8, right = 40, top = 8, bottom = 8, containLabel = true },
            xAxis = new { type = "value", minInterval = 1 },
            yAxis = new { type = "category", inverse = true, data = byKind.Select(k => Text.Get($"commitmentkind.{k.Key}")).ToArray() },
            series = new[]
            {
                new { type = "bar", name = Text.Get("figures.promises"), data = byKind.Select(k => k.Count).ToArray(), itemStyle = new { color = Colors["primary"] },
                      label = new { show = true, position = "right" }, barMaxWidth = 22 },
            },
        };
    }

    /// <summary>
    /// Lapses per month, stacked by the unit that promised: each unit's part is its breaches (promises made since 2018);
    /// pre-2018 promises that lapsed (the remediation list, not breaches) are one grey part on top. Every month of the
    /// period has a column, empty or not.
    /// </summary>
    public static object LapsesByUnitMonth(IReadOnlyList<UnitMonthFigure> figures, DateOnly today, int months)
    {
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(1 - months);
        var axis = Enumerable.Range(0, months).Select(i => first.AddMonths(i).ToString("yyyy-MM")).ToArray();
        int[] Per(Func<string, int> count) => axis.Select(count).ToArray();
        var units = figures.Select(f => f.UnitName).Distinct().Order(StringComparer.Ordinal).ToList();
        var series = units.Select((unit, i) => (object)new
        {
            type = "bar", stack = "lapses", name = unit, barMaxWidth = 28, itemStyle = new { color = Palette[i % Palette.Length] },
            data = Per(m => figures.Where(f => f.UnitName == unit && f.Month == m).Sum(f => f.Breaches)),
        }).ToList();
        var pre2018 = Per(m => figures.Where(f => f.Month == m).Sum(f => f.Lapses - f.Breaches));
        if (pre2018.Any(n => n > 0))
            series.Add(new { type = "bar", stack = "lapses", name = Text.Get("figures.pre2018_lapses"), barMaxWidth = 28, itemStyle = new { color = Colors["light"] }, data = pre2018 });
        return new
        {
            animation = false,
            tooltip = new { trigger = "axis", axisPointer = new { type = "shadow" } },
            legend = new { type = "scroll", top = 0 },
            grid = new { left = 8, right = 16, top = 36, bottom = 8, containLabel = true },
            xAxis = new { type = "category", data = axis },
            yAxis = new { type = "value", minInterval = 1, name = Text.Get("figures.lapses_axis") },
            series,
            title = figures.Count == 0 ? NoData() : new { show = false },
        };
    }

    /// <summary>
    /// What the promises still owe per year due, stacked by the unit that promised (the pivot's rows), in the page's money
    /// unit (万元, or CNY million in English). Lapsed money is not here: it is no longer contingent.
    /// </summary>
    public static object LiabilitiesByYear(LiabilityPivot pivot)
    {
        if (pivot.Years.Count == 0)
            return Empty();
        return new
        {
            animation = false,
            tooltip = new { trigger = "axis", axisPointer = new { type = "shadow" } },
            legend = new { type = "scroll", top = 0 },
            grid = new { left = 8, right = 16, top = 36, bottom = 8, containLabel = true },
            xAxis = new { type = "category", data = pivot.Years.Select(y => Text.Get("agreementfigures.year_due", y)).ToArray() },
            yAxis = new { type = "value", name = Text.Get("agreementfigures.money_axis") },
            series = pivot.Rows.Select((row, i) => new
            {
                type = "bar", stack = "owed", name = row.UnitName, barMaxWidth = 36, itemStyle = new { color = Palette[i % Palette.Length] },
                data = row.ByYear.Select(v => Math.Round(MoneyText.ToTyped(v) ?? 0, 2)).ToArray(),
            }).ToArray(),
        };
    }

    private static object Pie(IReadOnlyList<(string Name, int Count, string Color)> slices, bool labelsInside = false)
    {
        if (slices.Count == 0)
            return Empty();
        return new
        {
            animation = false,
            tooltip = new { trigger = "item", formatter = "{b}: {c} ({d}%)" },
            legend = new { type = "scroll", bottom = 0 },
            series = new[]
            {
                new
                {
                    type = "pie", radius = new[] { "38%", "68%" }, center = new[] { "50%", "44%" }, avoidLabelOverlap = true,
                    label = labelsInside
                        ? new { formatter = "{c}", position = "inside", color = "#fff", fontWeight = "bold" }
                        : (object)new { formatter = "{b}\n{c}" },
                    data = slices.Select(s => new { name = s.Name, value = s.Count, itemStyle = new { color = s.Color } }).ToArray(),
                },
            },
        };
    }

    private static object NoData() => new
    {
        show = true, text = Text.Get("figures.no_data"), left = "center", top = "middle", textStyle = new { color = Colors["secondary"], fontSize = 14, fontWeight = "normal" },
    };

    private static object Empty() => new { animation = false, title = NoData() };

    /// <summary>What a chart shows, in words, for screen readers ("待兑现 5，逾期未兑现 3").</summary>
    public static string Summary(string title, IEnumerable<(string Name, int Count)> items) =>
        Text.Get("figures.summary", title, string.Join(Text.Get("figures.list_separator"), items.Select(i => $"{i.Name} {i.Count}")));
}
