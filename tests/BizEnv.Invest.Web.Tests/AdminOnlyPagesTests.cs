using System.Net;

namespace BizEnv.Invest.Web.Tests;

/// <summary>
/// The admin tools outside the Blazor pages and the API (the Orleans Dashboard, the API reference): the access
/// matrix covers /api, this covers them — anonymous callers go to sign-in, every other role to the forbidden page.
/// </summary>
public sealed class AdminOnlyPagesTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    [Theory]
    [InlineData("/admin/orleans/")]
    [InlineData("/admin/orleans/ClusterStats")]
    [InlineData("/admin/orleans/Reminders")]
    [InlineData("/admin/api-reference/")]
    [InlineData("/admin/api-reference/v1")]
    public async Task Only_admins_get_in(string path)
    {
        var toLogin = await web.NewClient().Http.GetAsync(path);
        toLogin.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        toLogin.Headers.Location!.ToString().ShouldContain("/account/login");

        foreach (var user in new[] { "officer", "park", "integrity", "leader" })
        {
            var refused = await (await web.SignedInAs(user)).Http.GetAsync(path);
            refused.StatusCode.ShouldBe(HttpStatusCode.Redirect, user);
            refused.Headers.Location!.ToString().ShouldContain("/forbidden", customMessage: user);
        }

        var admin = await (await web.SignedInAs("admin")).Http.GetAsync(path);
        admin.StatusCode.ShouldBe(HttpStatusCode.OK, await admin.Content.ReadAsStringAsync());
    }
}
