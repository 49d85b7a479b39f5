using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Localization;

namespace BizEnv.Invest.Application.Common;

/// <summary>What an .xlsx import did: rows read, rows imported, and every problem by sheet row and column (row 0: the file, row 1: the header).</summary>
public sealed record ImportResult(int Rows, int Imported, IReadOnlyList<ImportError> Errors);

public sealed record ImportError(int Row, string Column, string Message);

/// <summary>
/// The steps every .xlsx import starts with: read the sheet, find the required columns by their
/// header, cap the rows. A file that fails any of them is refused whole, with the reason.
/// </summary>
public static class SheetImport
{
    /// <summary>The opened sheet, or the refusal to return instead (unreadable, a required column missing, too many rows).</summary>
    public static (XlsxSheet? Sheet, ImportResult? Refusal) Open(IXlsxReader reader, byte[] content, IEnumerable<string> requiredHeaders, int maxRows)
    {
        XlsxSheet sheet;
        try
        {
            sheet = reader.Read(content);
        }
        catch (XlsxUnreadableException)
        {
            return (null, new ImportResult(0, 0, [new ImportError(0, "", Text.Get("import.unreadable"))]));
        }
        var missing = requiredHeaders.Where(h => IndexOf(sheet.Headers, h) < 0).ToList();
        if (missing.Count > 0)
            return (null, new ImportResult(sheet.Rows.Count, 0, missing.Select(c => new ImportError(1, c, Text.Get("import.column_missing", c))).ToList()));
        if (sheet.Rows.Count > maxRows)
            return (null, new ImportResult(sheet.Rows.Count, 0, [new ImportError(0, "", Text.Get("import.too_many_rows", maxRows))]));
        return (sheet, null);
    }

    /// <summary>The position of a column by its header text (surrounding spaces ignored), or -1.</summary>
    public static int IndexOf(IReadOnlyList<string> headers, string header)
    {
        for (var i = 0; i < headers.Count; i++)
            if (headers[i].Trim() == header)
                return i;
        return -1;
    }
}
