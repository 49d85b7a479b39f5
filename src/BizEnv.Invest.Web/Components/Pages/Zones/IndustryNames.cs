using BizEnv.Invest.Application.Crm.Investors.ListIndustries;

namespace BizEnv.Invest.Web.Components.Pages.Zones;

/// <summary>The GB/T 4754 names of parks' leading-industry codes ("C38" → 电气机械和器材制造业), looked up once per page.</summary>
public static class IndustryNames
{
    public static async Task<IReadOnlyDictionary<string, string>> LoadAsync(IEnumerable<string> codes, Func<ListIndustries, Task<IReadOnlyList<IndustryDto>>> send)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var code in codes.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var match = (await send(new ListIndustries(code, 200))).FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
                names[code] = match.NameZh;
        }
        return names;
    }
}
