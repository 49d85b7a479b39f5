using System.Globalization;

namespace BizEnv.Invest.Application.Tests.Localization;

/// <summary>The same query read, and put into words, by a Chinese and by an English reader (words are made as they are read).</summary>
public static class Readers
{
    public static async Task<(TWords Zh, TWords En)> InEach<T, TWords>(Func<Task<T>> read, Func<T, TWords> words)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            var zh = words(await read());
            CultureInfo.CurrentUICulture = new CultureInfo("en-US");
            return (zh, words(await read()));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
