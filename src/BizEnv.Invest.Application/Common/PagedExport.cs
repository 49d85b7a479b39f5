namespace BizEnv.Invest.Application.Common;

/// <summary>Exports reuse the list query page by page (same filters, same access rules as the screen), up to a cap.</summary>
public static class PagedExport
{
    public const int MaxRows = 50_000;

    public static async Task<List<T>> CollectAsync<T>(Func<int, Task<Page<T>>> page)
    {
        var rows = new List<T>();
        for (var n = 1; rows.Count < MaxRows; n++)
        {
            var result = await page(n);
            rows.AddRange(result.Items);
            if (n >= result.PageCount)
                break;
        }
        return rows;
    }
}
