namespace BizEnv.Invest.Application.Common;

/// <summary>
/// What an .xlsx import did: data rows read (title and header rows are not data), rows imported,
/// every problem by sheet row and column, and notes on how values were read and which columns
/// were ignored. <see cref="HeaderRow"/> is the sheet row the header was found in: a problem at or
/// above it concerns the whole sheet (row 0: the file).
/// </summary>
public sealed record ImportResult(int Rows, int Imported, IReadOnlyList<ImportError> Errors, IReadOnlyList<ImportNote> Notes, int HeaderRow)
{
    /// <summary>True when the sheet itself was refused (unreadable, a required column missing, too many rows): no row can be imported.</summary>
    public bool SheetRefused => Errors.Any(e => e.Row <= HeaderRow);
}

public sealed record ImportError(int Row, string Column, string Message);

/// <summary>Not a problem, but something the officer should know: how a value was read, or a column that was not imported.</summary>
public sealed record ImportNote(int Row, string Column, string Message);
