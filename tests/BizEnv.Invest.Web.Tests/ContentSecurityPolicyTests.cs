using System.Text.RegularExpressions;

namespace BizEnv.Invest.Web.Tests;

/// <summary>
/// Scripts run under a policy without 'unsafe-inline': the page's own script tags (and Blazor's inline import map)
/// carry a nonce that is new on every response, so markup injected into a page cannot run script.
/// </summary>
public sealed partial class ContentSecurityPolicyTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    [Theory]
    [InlineData(null, "/account/login")]
    [InlineData("officer", "/")]
    [InlineData("integrity", "/integrity")]
    public async Task Every_script_tag_carries_the_responses_own_nonce_and_inline_script_is_not_allowed(string? user, string path)
    {
        var client = user is null ? web.NewClient() : await web.SignedInAs(user);

        var (firstNonce, firstHtml) = await NonceAndPage(client, path);
        var (secondNonce, _) = await NonceAndPage(client, path);

        firstNonce.ShouldNotBe(secondNonce, "a nonce is good for one response only");
        firstNonce.Length.ShouldBeGreaterThanOrEqualTo(22, "128 random bits at least");
        var scripts = ScriptTag().Matches(firstHtml).Select(m => m.Value).ToList();
        scripts.ShouldContain(tag => tag.Contains("type=\"importmap\""), "Blazor's import map is the page's inline script");
        scripts.ShouldContain(tag => tag.Contains("blazor.web.js"));
        scripts.ShouldAllBe(tag => tag.Contains($"nonce=\"{firstNonce}\""));
    }

    [Fact]
    public async Task Blazors_script_is_served_from_this_site()
    {
        // The SDK restores it (Microsoft.AspNetCore.App.Internal.Assets); the pages cannot work without it.
        var response = await web.NewClient().Http.GetAsync("/_framework/blazor.web.js");
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        (await response.Content.ReadAsStringAsync()).ShouldContain("Blazor");
    }

    [Fact]
    public async Task Markup_has_no_inline_event_handlers_or_script_urls()
    {
        var client = await web.SignedInAs("officer");
        var html = await (await client.Http.GetAsync("/")).Content.ReadAsStringAsync();
        InlineHandler().IsMatch(html).ShouldBeFalse("onclick= and friends are inline script, refused by the policy");
        html.ShouldNotContain("javascript:", Case.Insensitive);
    }

    private static async Task<(string Nonce, string Html)> NonceAndPage(ApiClient client, string path)
    {
        var response = await client.Http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        // Blazor adds a policy of its own (frame-ancestors only); the browser enforces both.
        var policy = response.Headers.GetValues("Content-Security-Policy").Single(p => p.Contains("script-src", StringComparison.Ordinal));
        var scriptSrc = policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        scriptSrc.ShouldNotContain("'unsafe-inline'");
        scriptSrc.ShouldNotContain("'unsafe-eval'");
        var nonce = NonceSource().Match(scriptSrc);
        nonce.Success.ShouldBeTrue($"script-src has a nonce: {scriptSrc}");
        return (nonce.Groups[1].Value, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("'nonce-([A-Za-z0-9+/_=-]+)'")]
    private static partial Regex NonceSource();

    [GeneratedRegex("<script\\b[^>]*>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
