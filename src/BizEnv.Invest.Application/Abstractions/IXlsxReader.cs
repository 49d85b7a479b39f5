namespace BizEnv.Invest.Application.Abstractions;

/// <summary>
/// Reads the first sheet of an .xlsx as text cells: every row that has a value, with its sheet row
/// number, title and header rows included — which row is the header is the import's to decide
/// (Common/Sheets/SheetLayout), since only the import knows the headers to look for.
/// </summary>
public interface IXlsxReader
{
    XlsxSheet Read(byte[] content);
}

public sealed record XlsxSheet(IReadOnlyList<XlsxRow> Rows);

public sealed record XlsxRow(int RowNumber, IReadOnlyList<string> Cells)
{
    public string Cell(int index) => index >= 0 && index < Cells.Count ? Cells[index].Trim() : "";
}

/// <summary>The file is not a readable .xlsx (wrong format, damaged, or empty).</summary>
public sealed class XlsxUnreadableException(string reason) : Exception(reason);
