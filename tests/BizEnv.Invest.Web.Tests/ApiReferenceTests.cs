using System.Text.RegularExpressions;

namespace BizEnv.Invest.Web.Tests;

/// <summary>
/// Scalar's API reference works under the site's Content-Security-Policy: its scripts are this site's files or
/// carry the response's nonce, and it reads our own OpenAPI document. (Chromium renders it: ApiReferenceJourneyTests.)
/// </summary>
public sealed partial class ApiReferenceTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    [Fact]
    public async Task The_page_loads_only_this_sites_scripts_with_the_responses_nonce()
    {
        var admin = await web.SignedInAs("admin");
        var response = await admin.Http.GetAsync("/admin/api-reference/");
        response.EnsureSuccessStatusCode();
        var policy = response.Headers.GetValues("Content-Security-Policy").Single(p => p.Contains("script-src", StringComparison.Ordinal));
        var nonce = Nonce().Match(policy).Groups[1].Value;
        var html = await response.Content.ReadAsStringAsync();

        var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
        scripts.ShouldNotBeEmpty();
        scripts.ShouldAllBe(tag => tag.Contains($"nonce=\"{nonce}\""));
        foreach (var src in scripts.Select(tag => Src().Match(tag)).Where(m => m.Success).Select(m => m.Groups[1].Value))
        {
            var page = response.RequestMessage!.RequestUri!;
            var url = new Uri(page, src);
            url.Authority.ShouldBe(page.Authority, $"{src} must come from this site");
            (await admin.Http.GetAsync(url)).EnsureSuccessStatusCode();
        }
        html.ShouldContain("\"openapi/v1.json\"");
    }

    [GeneratedRegex("'nonce-([A-Za-z0-9+/_=-]+)'")]
    private static partial Regex Nonce();

    [GeneratedRegex("<script\\b[^>]*>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("\\bsrc=\"([^\"]+)\"")]
    private static partial Regex Src();
}
