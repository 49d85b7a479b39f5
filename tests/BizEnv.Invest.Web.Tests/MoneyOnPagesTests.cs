using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using BizEnv.Invest.Application.Localization;

namespace BizEnv.Invest.Web.Tests;

/// <summary>
/// Issue #15: one amount is shown one way on a page — in 万元, with the exact 元 on hover. The demo's promise held
/// for approval (50,000,000 元 against a 20,000,000 元 limit) is on its own page, its project's page and the promise list.
/// </summary>
public sealed partial class MoneyOnPagesTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    [Fact]
    public async Task Every_amount_on_the_promise_pages_reads_in_wan_with_the_exact_yuan_in_its_title()
    {
        web.NewClient(); // the app starts, and loads its demo data, with its first client
        var (id, projectId, promiser) = (await web.Query<(Guid, Guid, string)>("""
            SELECT c.id, c.project_id, u.user_name FROM commitments c JOIN users u ON u.id = c.promiser_id
            WHERE c.status = 'PendingApproval' AND c.value_cny = 50000000 LIMIT 1
            """)).Single();
        var client = await web.SignedInAs(promiser);

        foreach (var path in new[] { $"/commitments/{id}", $"/projects/{projectId}", "/commitments" })
        {
            var html = await Page(client, path);
            // What is left once the amounts are taken out (titles go with their tags) shows no amount in 元, and a 万元
            // figure in a sentence (a stored reason) is written exactly as an amount is: one amount, one way.
            // A form's hint under a figure being typed ("即 1,890,000,000.00 元") spells the exact amount on purpose.
            var rest = VisibleText(FormHint().Replace(MoneyElement().Replace(html, " "), " "));
            YuanFigure().Matches(rest).Select(x => x.Value).ShouldBeEmpty($"{path} shows an amount in 元 outside <Money>");
            foreach (var wan in WanFigure().Matches(rest).Select(x => x.Groups["wan"].Value))
                MoneyText.Short(decimal.Parse(wan, NumberStyles.Number, CultureInfo.InvariantCulture) * MoneyText.YuanPerWan).ShouldBe(wan + " 万元", path);

            var amounts = MoneyElement().Matches(html).ToList();
            amounts.ShouldNotBeEmpty($"{path} shows money");
            foreach (Match m in amounts)
            {
                var yuan = decimal.Parse(m.Groups["yuan"].Value, CultureInfo.InvariantCulture);
                WebUtility.HtmlDecode(m.Groups["shown"].Value).ShouldBe(MoneyText.Short(yuan), $"{path}: {m.Value}");
                WebUtility.HtmlDecode(m.Groups["title"].Value).ShouldBe(MoneyText.Exact(yuan), $"{path}: {m.Value}");
            }
        }

        var promise = VisibleText(await Page(client, $"/commitments/{id}"));
        promise.ShouldContain("5,000 万元");
        promise.ShouldContain("超过本单位权限上限 2,000 万元", Case.Sensitive, "the reason it waits names the limit as the pages do");
    }

    private static async Task<string> Page(ApiClient client, string path)
    {
        var response = await client.Http.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return await response.Content.ReadAsStringAsync();
    }

    private static string VisibleText(string html) =>
        WebUtility.HtmlDecode(Tag().Replace(Hidden().Replace(html, " "), " "));

    [GeneratedRegex("""<abbr class="money[^"]*" title="(?<title>[^"]*)" data-yuan="(?<yuan>[-0-9.]+)">(?<shown>[^<]*)</abbr>""")]
    private static partial Regex MoneyElement();

    [GeneratedRegex("""<div class="form-text">[^<]*</div>""")]
    private static partial Regex FormHint();

    [GeneratedRegex("<(script|style|template)\\b.*?</\\1>", RegexOptions.Singleline)]
    private static partial Regex Hidden();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    // 100,000 元 and up (a help text's "1 万元 = 10,000 元" is a unit, not an amount).
    [GeneratedRegex(@"(?:\d{1,3}(?:,\d{3}){2,}|\d{6,})(?:\.\d+)?\s*元")]
    private static partial Regex YuanFigure();

    [GeneratedRegex(@"(?<wan>-?\d[\d,]*(?:\.\d+)?) ?万元")]
    private static partial Regex WanFigure();
}
