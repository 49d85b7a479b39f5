using System.Globalization;
using BizEnv.Invest.Application.Abstractions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BizEnv.Invest.Infrastructure.Xlsx;

/// <summary>
/// The 台账 layout people expect: a bold title row, a bold header row that stays frozen, then the
/// data. Cells are typed (numbers as numbers, instants as text in Beijing time) so sums work in Excel.
/// </summary>
public sealed class XlsxExporter : IXlsxExporter
{
    private static readonly TimeZoneInfo Beijing = BizEnv.Invest.Domain.Common.BeijingTime.Zone;

    public byte[] Export(string sheetName, string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            AddStyles(workbook);
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, [title], bold: true));
            data.Append(Row(2, headers.Cast<object?>().ToList(), bold: true));
            uint index = 3;
            foreach (var row in rows)
                data.Append(Row(index++, row, bold: false));
            var frozen = new SheetViews(new SheetView(
                new Pane { VerticalSplit = 2, TopLeftCell = "A3", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
            { WorkbookViewId = 0 });
            var columns = new Columns(new Column { Min = 1, Max = (uint)Math.Max(1, headers.Count), Width = 20, CustomWidth = true });
            sheetPart.Worksheet = new Worksheet(frozen, columns, data);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = SafeSheetName(sheetName) });
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Row Row(uint index, IReadOnlyList<object?> values, bool bold)
    {
        var row = new Row { RowIndex = index };
        foreach (var value in values)
            row.Append(Cell(value, bold));
        return row;
    }

    private static Cell Cell(object? value, bool bold)
    {
        var cell = value switch
        {
            null => new Cell { DataType = CellValues.String, CellValue = new CellValue(string.Empty) },
            int or long or decimal or double => new Cell
            {
                DataType = CellValues.Number,
                CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!),
            },
            DateTimeOffset t => Str(TimeZoneInfo.ConvertTime(t, Beijing).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
            DateOnly d => Str(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            bool b => Str(b ? "是" : "否"),
            _ => Str(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
        };
        if (bold)
            cell.StyleIndex = 1;
        return cell;
    }

    private static Cell Str(string text) => new() { DataType = CellValues.String, CellValue = new CellValue(text) };

    private static void AddStyles(WorkbookPart workbook)
    {
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(), new Font(new Bold())),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
            new Borders(new Border()),
            new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
    }

    private static string SafeSheetName(string name)
    {
        var cleaned = new string(name.Where(c => "[]:*?/\\".IndexOf(c) < 0).ToArray());
        return cleaned.Length > 31 ? cleaned[..31] : cleaned;
    }
}
