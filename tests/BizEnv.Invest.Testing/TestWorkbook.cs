using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BizEnv.Invest.Testing;

/// <summary>
/// A workbook shaped the way officers' sheets come, built cell by cell: text as shared strings (as Excel
/// saves it), numbers as number cells, dates as date-formatted day numbers, title rows merged across
/// the sheet or not, blank rows. Our exporter only writes our own layout, so it cannot make these.
/// </summary>
public sealed class TestWorkbook
{
    private readonly List<(int Number, IReadOnlyList<object?> Cells, int MergeAcross)> _rows = [];
    private int _next = 1;

    /// <summary>The next row; a string is text, a number a number cell, a DateOnly a date cell, null an empty cell.</summary>
    public TestWorkbook Row(params object?[] cells)
    {
        _rows.Add((_next++, cells, 0));
        return this;
    }

    /// <summary>A title in column A merged across <paramref name="columns"/> columns, as report titles are.</summary>
    public TestWorkbook MergedTitle(string title, int columns)
    {
        _rows.Add((_next++, [title], columns));
        return this;
    }

    public TestWorkbook Blank()
    {
        _next++;
        return this;
    }

    public byte[] Bytes()
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()), new Fills(new Fill(new PatternFill { PatternType = PatternValues.None })), new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true })); // 14: the built-in short date
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var merges = new MergeCells();
            foreach (var (number, cells, mergeAcross) in _rows)
            {
                var row = new Row { RowIndex = (uint)number };
                for (var i = 0; i < cells.Count; i++)
                    if (cells[i] is { } value)
                        row.Append(Cell($"{Column(i)}{number}", value, strings.SharedStringTable));
                data.Append(row);
                if (mergeAcross > 1)
                    merges.Append(new MergeCell { Reference = $"A{number}:{Column(mergeAcross - 1)}{number}" });
            }
            sheetPart.Worksheet = new Worksheet(data);
            if (merges.HasChildren)
                sheetPart.Worksheet.Append(merges);
            workbook.Workbook.Append(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Sheet1" }));
        }
        return stream.ToArray();
    }

    private static Cell Cell(string reference, object value, SharedStringTable strings)
    {
        switch (value)
        {
            case DateOnly date:
                var serial = (date.ToDateTime(TimeOnly.MinValue) - new DateTime(1899, 12, 30)).Days;
                return new Cell { CellReference = reference, StyleIndex = 1, CellValue = new CellValue(serial.ToString(CultureInfo.InvariantCulture)) };
            case int or long or decimal or double:
                return new Cell { CellReference = reference, CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!) };
            default:
                strings.Append(new SharedStringItem(new Text(value.ToString()!) { Space = SpaceProcessingModeValues.Preserve }));
                return new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue((strings.ChildElements.Count - 1).ToString(CultureInfo.InvariantCulture)) };
        }
    }

    private static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : throw new ArgumentOutOfRangeException(nameof(index));
}
