using System.Runtime.CompilerServices;
using BizEnv.Invest.Application.Localization;

namespace BizEnv.Invest.Application.Common;

/// <summary>
/// What the list exports share: they read the list's own query without paging, row by row, up to a
/// cap, and a list cut by the cap says so in its last row instead of ending silently.
/// </summary>
public static class ExportRows
{
    /// <summary>
    /// The most data rows one export writes. A sheet holds 1,048,576 rows; the writer's memory does not
    /// grow with the row count (the temporary file does: 3–8 MB per 100,000 rows, by the list).
    /// </summary>
    public const int MaxRows = 1_000_000;

    /// <summary>What the query asks for: one row beyond the cap, so that a cut list can be told from a complete one.</summary>
    public const int QueryLimit = MaxRows + 1;

    /// <summary>
    /// How long an export's query may wait for the database (a big sorted list sends its first row only
    /// once it is sorted), instead of the 30 s a screen's query gets.
    /// </summary>
    public const int QueryTimeoutSeconds = 300;

    /// <summary>The sheet rows of <paramref name="source"/> (with their zero-based number), at most <paramref name="max"/>, then the note if more were there.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<object?>> Capped<T>(
        IAsyncEnumerable<T> source, Func<T, int, IReadOnlyList<object?>> row, int max = MaxRows, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var n = 0;
        await foreach (var item in source.WithCancellation(ct))
        {
            ct.ThrowIfCancellationRequested(); // a download given up stops here, whether or not the source heeds the token
            if (n == max)
            {
                yield return [Text.Get("export.truncated", max)];
                yield break;
            }
            yield return row(item, n++);
        }
    }
}
