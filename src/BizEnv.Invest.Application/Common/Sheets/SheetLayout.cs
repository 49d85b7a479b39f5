using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Localization;

namespace BizEnv.Invest.Application.Common.Sheets;

/// <summary>
/// Where a sheet's header row is and what each of its columns is. The header is the row, among the
/// first <see cref="RowsSearched"/>, that has every required header (else the most known ones): title
/// rows above it — merged or not, one or several — are passed over and are never data.
/// </summary>
public sealed class SheetLayout
{
    public const int RowsSearched = 10;

    private readonly Dictionary<string, (int Index, string Label, AmountUnit? Unit)> _found;

    private readonly HashSet<int> _headed;

    private SheetLayout(XlsxRow header, Dictionary<string, (int, string, AmountUnit?)> found, List<ImportNote> ignored)
    {
        HeaderRow = header.RowNumber;
        _found = found;
        _headed = Enumerable.Range(0, header.Cells.Count).Where(i => header.Cell(i).Length > 0).ToHashSet();
        Ignored = ignored;
    }

    /// <summary>The sheet's own 1-based row number of the header.</summary>
    public int HeaderRow { get; }

    /// <summary>One note per header cell the import does not know (or that repeats a column): those values are not imported.</summary>
    public IReadOnlyList<ImportNote> Ignored { get; }

    public static SheetLayout Find(IReadOnlyList<XlsxRow> rows, SheetColumns columns)
    {
        var candidates = rows.Take(RowsSearched).Select(r => (Row: r, Known: r.Cells.Select(c => columns.Known(HeaderName.Parse(c))).OfType<string>().ToHashSet())).ToList();
        var header = candidates.FirstOrDefault(c => columns.Required.All(c.Known.Contains)).Row
            ?? candidates.OrderByDescending(c => c.Known.Count).Select(c => c.Row).FirstOrDefault()
            ?? new XlsxRow(1, []);

        var found = new Dictionary<string, (int, string, AmountUnit?)>();
        var ignored = new List<ImportNote>();
        for (var i = 0; i < header.Cells.Count; i++)
        {
            // The report names a column as the sheet does, on one line (a header cell may wrap).
            var label = string.Join(' ', header.Cell(i).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (label.Length == 0)
                continue;
            var name = HeaderName.Parse(label);
            var known = columns.Known(name);
            if (known is null)
                ignored.Add(new ImportNote(header.RowNumber, label, Text.Get("import.column_ignored", label)));
            else if (!found.TryAdd(known, (i, label, name.Unit)))
                ignored.Add(new ImportNote(header.RowNumber, label, Text.Get("import.column_repeated", label, ColumnLetters(found[known].Item1))));
        }
        return new SheetLayout(header, found, ignored);
    }

    public bool Has(string header) => _found.ContainsKey(header);

    /// <summary>The cell under a template header (empty when the sheet has no such column).</summary>
    public string Cell(XlsxRow row, string header) => _found.TryGetValue(header, out var c) ? row.Cell(c.Index) : "";

    /// <summary>The column's name in the report: as the sheet writes it, or the template's when the sheet lacks it.</summary>
    public string Label(string header) => _found.TryGetValue(header, out var c) ? c.Label : header;

    /// <summary>The unit the sheet's header gives a column, if any.</summary>
    public AmountUnit? Unit(string header) => _found.TryGetValue(header, out var c) ? c.Unit : null;

    /// <summary>Columns that hold values under no header at all: not imported, so said (by column letter).</summary>
    public IEnumerable<ImportNote> Unnamed(IReadOnlyList<XlsxRow> data)
    {
        var widest = data.Count == 0 ? 0 : data.Max(r => r.Cells.Count);
        for (var i = 0; i < widest; i++)
            if (!_headed.Contains(i) && data.Any(r => r.Cell(i).Length > 0))
                yield return new ImportNote(HeaderRow, ColumnLetters(i), Text.Get("import.column_unnamed", ColumnLetters(i)));
    }

    /// <summary>0 → "A", 26 → "AA": the column as Excel names it.</summary>
    public static string ColumnLetters(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }
}
