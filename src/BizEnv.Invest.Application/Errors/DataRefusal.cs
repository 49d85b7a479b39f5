using System.Text.RegularExpressions;
using Npgsql;

namespace BizEnv.Invest.Application.Errors;

/// <summary>
/// The database's refusal of a value that slipped past the checks (an id that names nothing, a
/// number beyond its column, text it cannot store) is the caller's error, not ours: a 4xx naming
/// the field where the database names the column. The command's transaction has already been
/// rolled back, so nothing was saved. Told here, beside the SQL, so the web layer needs no database types.
/// </summary>
public static partial class DataRefusal
{
    /// <summary>The status, message key and field for a refusal by the database; null for any other exception.</summary>
    public static (int Status, string Code, string? Field)? Explain(Exception e) => e is PostgresException pg ? Explain(pg) : null;

    public static (int Status, string Code, string? Field)? Explain(PostgresException e) => e.SqlState switch
    {
        PostgresErrorCodes.ForeignKeyViolation => (400, "error.reference_missing", ColumnOf(e)),
        PostgresErrorCodes.UniqueViolation => (409, "error.duplicate", ColumnOf(e)),
        PostgresErrorCodes.CheckViolation or PostgresErrorCodes.NotNullViolation => (400, "error.constraint", e.ColumnName is { } c ? Camel(c) : null),
        PostgresErrorCodes.NumericValueOutOfRange or PostgresErrorCodes.DatetimeFieldOverflow or PostgresErrorCodes.InvalidDatetimeFormat
            or PostgresErrorCodes.IntervalFieldOverflow => (400, "error.value_out_of_range", null),
        PostgresErrorCodes.StringDataRightTruncation => (400, "error.text_too_long", null),
        PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter or PostgresErrorCodes.InvalidTextRepresentation
            => (400, "error.text_not_storable", null),
        _ => null,
    };

    // "Key (project_id)=(…) is not present in table …" → projectId
    private static string? ColumnOf(PostgresException e)
    {
        var m = KeyColumns().Match(e.Detail ?? "");
        return m.Success ? Camel(m.Groups[1].Value.Split(',')[0].Trim()) : null;
    }

    private static string Camel(string column)
    {
        var parts = column.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? column : parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    [GeneratedRegex(@"^Key \(([^)]+)\)=")]
    private static partial Regex KeyColumns();
}
