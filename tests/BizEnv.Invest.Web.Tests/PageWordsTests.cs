using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BizEnv.Invest.Application.Audit;
using BizEnv.Invest.Application.Localization;

namespace BizEnv.Invest.Web.Tests;

/// <summary>
/// The audit log and the admin's home, as a reader sees them in each language: every stored code is in words,
/// and what an entry acted on is named — no string-table key, action or outcome code, and no id in the visible text.
/// </summary>
public sealed partial class PageWordsTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    [Theory]
    [InlineData("zh-CN", "/audit")]
    [InlineData("en-US", "/audit")]
    [InlineData("zh-CN", "/")]
    [InlineData("en-US", "/")]
    public async Task The_audit_log_and_the_admins_home_read_in_words_without_codes_or_ids(string language, string path)
    {
        var admin = await web.SignedInAs("admin");
        var me = await admin.Http.GetFromJsonAsync<Me>("/api/v1/me/");
        var refused = await admin.Send(HttpMethod.Post, $"/api/v1/users/{me!.Id}/disable");
        (await ApiClient.Problem(refused)).GetProperty("code").GetString().ShouldBe("user.cannot_disable_self");
        (await admin.Send(HttpMethod.Put, "/api/v1/me/language", new { language })).EnsureSuccessStatusCode();

        var text = VisibleText(await (await admin.Http.GetAsync(path)).Content.ReadAsStringAsync());

        text.ShouldContain(language == "en-US" ? "You cannot disable your own account." : "不能停用自己的账号。");
        Guid().Matches(text).Select(m => m.Value).ShouldBeEmpty("ids in the visible text");
        var codes = AuditWords.Actions.Where(a => Regex.IsMatch(text, $@"\b{a}\b"))
            .Concat(AuditWords.Outcomes.Select(o => o + ":").Where(text.Contains))
            .Concat(Text.Keys(Text.Chinese).Where(k => k.Contains('.') && Regex.IsMatch(text, $@"(?<![\w.@-]){Regex.Escape(k)}(?![\w.])")));
        codes.ShouldBeEmpty("codes in the visible text");
    }

    private sealed record Me(Guid Id);

    private static string VisibleText(string html) =>
        System.Net.WebUtility.HtmlDecode(Tag().Replace(Script().Replace(html, " "), " "));

    [GeneratedRegex("<(script|style)\\b.*?</\\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Script();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();
}
