namespace BizEnv.Invest.Application.Common;

/// <summary>One page of a server-side list, with the total for the pager.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total, int PageNumber, int PageSize)
{
    public int PageCount => PageSize == 0 ? 0 : (int)Math.Ceiling(Total / (double)PageSize);
}

public static class Paging
{
    public const int MaxPageSize = 200;

    /// <summary>
    /// The page as asked, within bounds; the offset is a long because page × size overflows an int
    /// long before a page number stops being a valid request (page 2,147,483,647 is simply empty).
    /// </summary>
    public static (int Page, int Size, long Offset) Normalize(int page, int size)
    {
        var p = Math.Max(1, page);
        var s = Math.Clamp(size <= 0 ? 20 : size, 1, MaxPageSize);
        return (p, s, (p - 1L) * s);
    }

    /// <summary>Sorting by a user-supplied column name only through a whitelist, never by concatenating input.</summary>
    public static string OrderBy(IReadOnlyDictionary<string, string> columns, string? sort, bool descending, string fallback)
    {
        var column = sort is not null && columns.TryGetValue(sort, out var c) ? c : fallback;
        return column + (descending ? " DESC" : " ASC");
    }

    /// <summary>Every page of a list, one after another, up to <paramref name="max"/> items (for pickers that need the whole list).</summary>
    public static async Task<List<T>> AllPagesAsync<T>(Func<int, Task<Page<T>>> page, int max = 50_000)
    {
        var items = new List<T>();
        for (var n = 1; items.Count < max; n++)
        {
            var result = await page(n);
            items.AddRange(result.Items);
            if (n >= result.PageCount)
                break;
        }
        return items;
    }
}
