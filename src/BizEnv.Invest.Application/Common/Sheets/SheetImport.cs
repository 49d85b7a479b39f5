using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Localization;

namespace BizEnv.Invest.Application.Common.Sheets;

/// <summary>An opened import sheet: its layout and its data rows (those below the header, with the sheet's own row numbers).</summary>
public sealed record ImportSheet(SheetLayout Layout, IReadOnlyList<XlsxRow> Rows, IReadOnlyList<ImportNote> ColumnNotes)
{
    /// <summary>The report: the column notes first, then the rows' problems and notes in sheet order.</summary>
    public ImportResult Result(int imported, IEnumerable<ImportError> errors, IEnumerable<ImportNote> notes) =>
        new(Rows.Count, imported, errors.OrderBy(e => e.Row).ToList(), ColumnNotes.Concat(notes.OrderBy(n => n.Row)).ToList(), Layout.HeaderRow);
}

/// <summary>
/// The steps every .xlsx import starts with: read the sheet, find its header row and the columns by
/// their (normalised) headers, cap the rows. A file that fails any of them is refused whole, with the
/// reason. Every import goes through here, so every import reads sheets the same way.
/// </summary>
public static class SheetImport
{
    /// <summary>The opened sheet, or the refusal to return instead (unreadable, a required column missing, too many rows).</summary>
    public static (ImportSheet? Sheet, ImportResult? Refusal) Open(IXlsxReader reader, byte[] content, SheetColumns columns, int maxRows)
    {
        XlsxSheet sheet;
        try
        {
            sheet = reader.Read(content);
        }
        catch (XlsxUnreadableException)
        {
            return (null, new ImportResult(0, 0, [new ImportError(0, "", Text.Get("import.unreadable"))], [], 0));
        }
        var layout = SheetLayout.Find(sheet.Rows, columns);
        var data = sheet.Rows.Where(r => r.RowNumber > layout.HeaderRow).ToList();
        var notes = layout.Ignored.Concat(layout.Unnamed(data)).ToList();
        var missing = columns.Required.Where(h => !layout.Has(h)).ToList();
        if (missing.Count > 0)
            return (null, new ImportResult(data.Count, 0, missing.Select(c => new ImportError(layout.HeaderRow, c, Text.Get("import.column_missing", c))).ToList(), notes, layout.HeaderRow));
        if (data.Count > maxRows)
            return (null, new ImportResult(data.Count, 0, [new ImportError(0, "", Text.Get("import.too_many_rows", maxRows))], notes, layout.HeaderRow));
        return (new ImportSheet(layout, data, notes), null);
    }
}
