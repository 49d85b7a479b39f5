using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BizEnv.Invest.Web.Tests;

public sealed class ProblemDetailsTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    [Fact]
    public async Task A_state_change_without_the_antiforgery_header_is_rejected()
    {
        var client = await web.SignedInAs("admin");
        client.Http.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");
        var response = await client.Send(HttpMethod.Post, "/api/v1/units", new { code = "ZZ", nameZh = "测试", nameEn = "Test", kind = "Division" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.Problem(response)).GetProperty("code").GetString().ShouldBe("error.antiforgery");
        (await client.Http.GetFromJsonAsync<JsonElement[]>("/api/v1/units"))!.ShouldNotContain(u => u.GetProperty("code").GetString() == "ZZ");
    }

    [Fact]
    public async Task A_forged_token_is_rejected_too()
    {
        var client = await web.SignedInAs("admin");
        client.Http.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");
        client.Http.DefaultRequestHeaders.Add("X-XSRF-TOKEN", "forged");
        (await client.Send(HttpMethod.Post, "/api/v1/calendar/years", new { year = 2029, notice = "x" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Validation_errors_are_a_400_problem_with_field_errors()
    {
        var client = await web.SignedInAs("admin");
        var response = await client.Send(HttpMethod.Post, "/api/v1/users",
            new { userName = "1bad", displayName = "", unitId = Guid.Empty, roles = Array.Empty<string>(), initialPassword = "short" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ApiClient.Problem(response);
        problem.GetProperty("status").GetInt32().ShouldBe(400);
        problem.GetProperty("title").GetString().ShouldBe("提交的内容有误，请按提示修改。");
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).ShouldBe(["userName", "displayName", "unitId", "roles", "initialPassword"], ignoreOrder: true);
        errors.GetProperty("initialPassword").EnumerateArray().Select(e => e.GetString()).ShouldContain("密码至少需要 10 位。");
        problem.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Unknown_ids_are_a_404_problem_and_stale_versions_a_409_problem()
    {
        var client = await web.SignedInAs("admin");
        var missing = await client.Http.GetAsync($"/api/v1/users/{Guid.NewGuid()}");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ApiClient.Problem(missing)).GetProperty("code").GetString().ShouldBe("error.not_found");

        var units = (await client.Http.GetFromJsonAsync<JsonElement[]>("/api/v1/units"))!;
        var unit = units.First(u => u.GetProperty("code").GetString() == "HCXM");
        var body = new { parentId = unit.GetProperty("parentId").GetGuid(), nameZh = "项目服务处", nameEn = "Project Services", kind = "Division", version = unit.GetProperty("version").GetInt32() };
        (await client.Send(HttpMethod.Put, $"/api/v1/units/{unit.GetProperty("id").GetGuid()}", body)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var stale = await client.Send(HttpMethod.Put, $"/api/v1/units/{unit.GetProperty("id").GetGuid()}", body);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ApiClient.Problem(stale)).GetProperty("code").GetString().ShouldBe("error.conflict");
    }

    [Fact]
    public async Task Problems_speak_English_to_a_user_who_chose_it()
    {
        var client = await web.SignedInAs("admin");
        await client.Send(HttpMethod.Put, "/api/v1/me/language", new { language = "en-US" });
        var response = await client.Send(HttpMethod.Post, "/api/v1/calendar/years", new { year = 1999, notice = "" });
        (await ApiClient.Problem(response)).GetProperty("title").GetString().ShouldBe("Some fields need correcting.");
        await client.Send(HttpMethod.Put, "/api/v1/me/language", new { language = "zh-CN" });
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_health_and_openapi_are_served()
    {
        var client = web.NewClient();
        var login = await client.Http.GetAsync("/account/login");
        login.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
        login.Headers.GetValues("X-Frame-Options").ShouldContain("DENY");
        login.Headers.GetValues("Content-Security-Policy").First().ShouldContain("frame-ancestors 'none'");
        System.Net.WebUtility.HtmlDecode(await login.Content.ReadAsStringAsync()).ShouldContain("登录");

        (await client.Http.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.Http.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var openApi = await client.Http.GetStringAsync("/openapi/v1.json");
        openApi.ShouldContain("/api/v1/users");
        openApi.ShouldContain("/api/v1/calendar/add-working-days");
    }

    [Fact]
    public async Task An_account_created_by_an_admin_must_change_its_password_before_using_the_api()
    {
        var admin = await web.SignedInAs("admin");
        var units = (await admin.Http.GetFromJsonAsync<JsonElement[]>("/api/v1/units"))!;
        var created = await admin.Send(HttpMethod.Post, "/api/v1/users", new
        {
            userName = "newcomer", displayName = "新同事", unitId = units[0].GetProperty("id").GetGuid(), roles = new[] { "Leader" }, initialPassword = "Welcome#2026",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        var newcomer = await web.SignedInAs("newcomer", "Welcome#2026");
        var blocked = await newcomer.Http.GetAsync("/api/v1/units");
        blocked.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ApiClient.Problem(blocked)).GetProperty("code").GetString().ShouldBe("password.change_required");
        (await newcomer.Http.GetAsync("/admin/users")).Headers.Location!.ToString().ShouldBe("/account/change-password");

        (await newcomer.Send(HttpMethod.Post, "/api/v1/me/password", new { currentPassword = "Welcome#2026", newPassword = "MyOwn#2026pw", confirmPassword = "MyOwn#2026pw" }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await newcomer.Http.GetAsync("/api/v1/units")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
