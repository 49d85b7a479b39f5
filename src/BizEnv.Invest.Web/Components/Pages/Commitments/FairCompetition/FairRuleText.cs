namespace BizEnv.Invest.Web.Components.Pages.Commitments.FairCompetition;

/// <summary>The keywords of a rule as typed in one box: separated by commas, 、, semicolons or spaces (Chinese or Latin punctuation alike).</summary>
public static class FairRuleText
{
    private static readonly char[] Separators = [',', '，', '、', ';', '；', ' ', '\u3000', '\n', '\r', '\t'];

    public static IReadOnlyList<string> Keywords(string? typed) =>
        (typed ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public static string Join(IEnumerable<string> keywords) => string.Join("、", keywords);
}
