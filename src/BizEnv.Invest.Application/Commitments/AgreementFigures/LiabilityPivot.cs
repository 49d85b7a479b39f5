namespace BizEnv.Invest.Application.Commitments.AgreementFigures;

/// <summary>One unit's row of the pivot: what it still owes per year due (in <see cref="LiabilityPivot.Years"/> order), its total, and its lapsed undelivered money.</summary>
public sealed record LiabilityRow(Guid? UnitId, string UnitName, IReadOnlyList<decimal> ByYear, decimal Running, decimal Lapsed);

/// <summary>
/// The contingent liabilities as people read them in a 台账: a row per unit, a column per year due, the unit's total,
/// then lapsed undelivered money in its own column, and a totals row. The page and the .xlsx show the same pivot.
/// </summary>
public sealed record LiabilityPivot(IReadOnlyList<int> Years, IReadOnlyList<LiabilityRow> Rows, LiabilityRow Totals)
{
    public static LiabilityPivot From(IReadOnlyList<LiabilityFigure> figures, string totalLabel)
    {
        // Only years where something is still owed get a column; lapsed money is one column whatever its year.
        var years = figures.Where(f => f.Running != 0).Select(f => f.Year).Distinct().Order().ToList();
        var rows = figures.GroupBy(f => (f.UnitId, f.UnitName)).OrderBy(g => g.Key.UnitName, StringComparer.Ordinal).Select(g => new LiabilityRow(
            g.Key.UnitId, g.Key.UnitName, years.Select(y => g.Where(f => f.Year == y).Sum(f => f.Running)).ToList(),
            g.Sum(f => f.Running), g.Sum(f => f.Lapsed))).ToList();
        var totals = new LiabilityRow(null, totalLabel, years.Select((_, i) => rows.Sum(r => r.ByYear[i])).ToList(),
            rows.Sum(r => r.Running), rows.Sum(r => r.Lapsed));
        return new LiabilityPivot(years, rows, totals);
    }
}
