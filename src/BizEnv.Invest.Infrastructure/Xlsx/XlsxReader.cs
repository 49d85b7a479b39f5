using System.Globalization;
using BizEnv.Invest.Application.Abstractions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BizEnv.Invest.Infrastructure.Xlsx;

/// <summary>
/// First sheet of an .xlsx as text: shared and inline strings, numbers as written (a date cell is its
/// Excel day number), booleans. Every row with a value, title and header rows included.
/// </summary>
public sealed class XlsxReader : IXlsxReader
{
    public XlsxSheet Read(byte[] content)
    {
        try
        {
            using var doc = SpreadsheetDocument.Open(new MemoryStream(content), false);
            var workbook = doc.WorkbookPart ?? throw new XlsxUnreadableException("no workbook");
            var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new XlsxUnreadableException("no sheet");
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            // A row may leave out its number (r is optional): it is then the one after the row before.
            var number = 0;
            var rows = part.Worksheet.Descendants<Row>()
                .Select(r => (Number: number = (int?)r.RowIndex?.Value ?? number + 1, Cells: Cells(r, shared)))
                .Where(r => r.Cells.Any(c => c.Length > 0))
                .ToList();
            if (rows.Count == 0)
                throw new XlsxUnreadableException("empty sheet");
            return new XlsxSheet(rows.Select(r => new XlsxRow(r.Number, r.Cells)).ToList());
        }
        catch (Exception ex) when (ex is not XlsxUnreadableException and (InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or IOException or FormatException))
        {
            throw new XlsxUnreadableException(ex.Message);
        }
    }

    private static List<string> Cells(Row row, List<string> shared)
    {
        var cells = new List<string>();
        foreach (var cell in row.Elements<Cell>())
        {
            var column = ColumnIndex(cell.CellReference?.Value);
            while (cells.Count < column)
                cells.Add("");
            cells.Add(Value(cell, shared));
        }
        return cells;
    }

    private static string Value(Cell cell, List<string> shared)
    {
        var raw = cell.CellValue?.Text ?? cell.InnerText;
        if (cell.DataType?.Value == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i] : "";
        if (cell.DataType?.Value == CellValues.InlineString)
            return cell.InlineString?.InnerText ?? "";
        if (cell.DataType?.Value == CellValues.Boolean)
            return raw == "1" ? "是" : "否";
        return raw ?? "";
    }

    /// <summary>"C7" → 2 (zero-based column).</summary>
    private static int ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
            return 0;
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter))
            index = index * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
        return index - 1;
    }
}
