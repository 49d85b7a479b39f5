using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BizEnv.Invest.Web.Tests;

public sealed class SignInAndSessionTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    [Fact]
    public async Task Pages_send_chinese_as_utf8_text_not_character_references()
    {
        var html = await web.NewClient().Http.GetStringAsync("/account/login");
        html.ShouldContain("登录");
        html.ShouldNotContain("&#x767B;"); // 登 as a numeric character reference
    }

    [Fact]
    public async Task Signing_in_sets_a_session_that_the_api_recognises()
    {
        var client = await web.SignedInAs("leader");
        var me = await client.Http.GetFromJsonAsync<JsonElement>("/api/v1/me");
        me.GetProperty("userName").GetString().ShouldBe("leader");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Leader"]);
    }

    [Fact]
    public async Task A_wrong_password_is_a_401_problem_in_Chinese_by_default()
    {
        var response = await web.NewClient().SignIn("officer", "not-the-password");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var problem = await ApiClient.Problem(response);
        problem.GetProperty("code").GetString().ShouldBe("signin.wrong");
        problem.GetProperty("title").GetString().ShouldBe("用户名或密码不正确。");
        problem.GetProperty("status").GetInt32().ShouldBe(401);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_right_one_is_refused_until_the_lock_ends()
    {
        var client = web.NewClient();
        for (var i = 0; i < 4; i++)
            (await ApiClient.Problem(await client.SignIn("park", "wrong"))).GetProperty("code").GetString().ShouldBe("signin.wrong");
        (await ApiClient.Problem(await client.SignIn("park", "wrong"))).GetProperty("code").GetString().ShouldBe("signin.locked");
        (await ApiClient.Problem(await client.SignIn("park", "Invest@2026"))).GetProperty("code").GetString().ShouldBe("signin.locked");

        web.Clock.Advance(TimeSpan.FromMinutes(31));
        (await client.SignIn("park", "Invest@2026")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_session_ends_after_thirty_idle_minutes_and_slides_while_used()
    {
        var client = await web.SignedInAs("integrity");
        web.Clock.Advance(TimeSpan.FromMinutes(20));
        (await client.Http.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK); // renews the sliding window
        web.Clock.Advance(TimeSpan.FromMinutes(20));
        (await client.Http.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK); // 40 minutes in, but active
        web.Clock.Advance(TimeSpan.FromMinutes(31));
        (await client.Http.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_session_ends_after_eight_hours_however_active()
    {
        var client = await web.SignedInAs("officer2");
        for (var minutes = 0; minutes < 8 * 60 - 20; minutes += 20)
        {
            web.Clock.Advance(TimeSpan.FromMinutes(20));
            (await client.Http.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK, $"after {minutes + 20} minutes");
        }
        web.Clock.Advance(TimeSpan.FromMinutes(40));
        (await client.Http.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await web.SignedInAs("leader");
        (await client.Send(HttpMethod.Post, "/api/v1/auth/sign-out")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.Http.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Pages_redirect_anonymous_visitors_to_the_sign_in_page()
    {
        var response = await web.NewClient().Http.GetAsync("/admin/users");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/login");
    }

    [Fact]
    public async Task The_language_choice_is_remembered_for_the_user()
    {
        var client = await web.SignedInAs("leader");
        (await client.Send(HttpMethod.Put, "/api/v1/me/language", new { language = "en-US" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var fresh = web.NewClient();
        var signIn = await fresh.SignIn("leader", "Invest@2026");
        (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("language").GetString().ShouldBe("en-US");
        (await client.Send(HttpMethod.Put, "/api/v1/me/language", new { language = "zh-CN" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }
}
