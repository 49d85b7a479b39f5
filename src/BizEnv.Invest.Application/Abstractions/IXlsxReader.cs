namespace BizEnv.Invest.Application.Abstractions;

/// <summary>Reads the first sheet of an .xlsx as text cells: the header row, then data rows with their sheet row numbers.</summary>
public interface IXlsxReader
{
    XlsxSheet Read(byte[] content);
}

public sealed record XlsxSheet(IReadOnlyList<string> Headers, IReadOnlyList<XlsxRow> Rows);

public sealed record XlsxRow(int RowNumber, IReadOnlyList<string> Cells)
{
    public string Cell(int index) => index >= 0 && index < Cells.Count ? Cells[index].Trim() : "";
}

/// <summary>The file is not a readable .xlsx (wrong format, damaged, or empty).</summary>
public sealed class XlsxUnreadableException(string reason) : Exception(reason);
