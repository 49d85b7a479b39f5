using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Localization;

namespace BizEnv.Invest.Application.Common.Sheets;

/// <summary>
/// One data row being checked: its cells by template header, and what the report says about it —
/// problems and notes, each with the sheet's row number and the column as the sheet names it. The
/// readers here (required text, amount, date) word their problems the same for every import.
/// </summary>
public sealed class RowCheck(XlsxRow row, SheetLayout layout)
{
    public int Row => row.RowNumber;
    public List<ImportError> Errors { get; } = [];
    public List<ImportNote> Notes { get; } = [];
    public bool Valid => Errors.Count == 0;

    /// <summary>The cell's text, trimmed; empty when blank or the column is absent.</summary>
    public string Cell(string header) => layout.Cell(row, header);

    public string? Optional(string header) => Cell(header) is { Length: > 0 } text ? text : null;

    /// <summary>The cell's text; when it is blank, a "required" problem for this row and column.</summary>
    public string Required(string header)
    {
        var text = Cell(header);
        if (text.Length == 0)
            Error(header, "import.required", layout.Label(header));
        return text;
    }

    public void Error(string header, string key, params object?[] args) => Errors.Add(new ImportError(Row, layout.Label(header), Text.Get(key, args)));

    /// <summary>
    /// An amount in the unit the template header names (元 when it names none), read from the cell's unit
    /// or else the sheet header's; null when blank or unreadable (a problem then). A cell that needed
    /// reading (separators, full-width digits, a unit) gets a note saying how it was read.
    /// </summary>
    public decimal? Amount(string header)
    {
        var text = Cell(header);
        if (text.Length == 0)
            return null;
        var stored = SheetColumns.StoredUnit(header);
        var columnUnit = layout.Unit(header) ?? stored;
        if (AmountText.Read(text, columnUnit, stored) is not { } amount)
        {
            Error(header, "import.amount_invalid", text);
            return null;
        }
        if (!amount.Plain)
            Notes.Add(new ImportNote(Row, layout.Label(header), amount.CellUnit is null && columnUnit != stored
                ? Text.Get("import.amount_read_header_unit", text, columnUnit, amount.Value, stored)
                : Text.Get("import.amount_read", text, amount.Value, stored)));
        return amount.Value;
    }

    /// <summary>A date in any form <see cref="DateText"/> reads; null when blank (a problem if required) or unreadable (a problem naming why).</summary>
    public DateOnly? Date(string header, bool required)
    {
        var text = required ? Required(header) : Cell(header);
        if (text.Length == 0)
            return null;
        var reading = DateText.Read(text);
        if (reading.Problem != DateProblem.None)
            Error(header, reading.Problem switch
            {
                DateProblem.Ambiguous => "import.date_ambiguous",
                DateProblem.NoSuchDay => "import.date_no_such_day",
                _ => "import.date_unreadable",
            }, text);
        return reading.Date;
    }
}
