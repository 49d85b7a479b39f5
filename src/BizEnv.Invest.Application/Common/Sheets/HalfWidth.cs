using System.Text;

namespace BizEnv.Invest.Application.Common.Sheets;

/// <summary>
/// Text typed with a Chinese input method in full-width form (１２０、（万元）、，、　) read as its
/// ASCII form (NFKC). Only for what is compared or parsed — headers, amounts, dates, codes — never for
/// names, which keep the brackets their owners wrote.
/// </summary>
public static class HalfWidth
{
    public static string Of(string text) => text.Normalize(NormalizationForm.FormKC);

    /// <summary>Half-width and without any whitespace (also U+3000 and the zero-width ones spreadsheets carry in from web pages).</summary>
    public static string Compact(string text) =>
        string.Concat(Of(text).Where(c => !char.IsWhiteSpace(c) && c is not ('\u200B' or '\uFEFF')));
}
