using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BizEnv.Invest.Web.Tests;

/// <summary>An admin disables an officer; the projects that officer served are on the concierge gap list on the very next read.</summary>
public sealed class ConciergeGapApiTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    [Fact]
    public async Task Disabling_an_officer_puts_their_key_projects_on_the_gap_list_at_once_with_the_handover_in_the_history()
    {
        var admin = await web.SignedInAs("admin");
        var officer = await web.SignedInAs("officer");
        var unit = (await web.Query<Guid>("SELECT unit_id FROM users WHERE user_name = 'officer'")).Single();
        var partner = (await web.Query<Guid>("SELECT id FROM users WHERE user_name = 'officer2'")).Single();
        var leaving = await CrmUnitIsolationTests.Created(await admin.Send(HttpMethod.Post, "/api/v1/users", new
        {
            userName = "gapofficer", displayName = "吴思远", unitId = unit, roles = new[] { "PromotionOfficer" }, initialPassword = "Welcome#2026",
        }));
        var investor = await CrmUnitIsolationTests.Created(await officer.Send(HttpMethod.Post, "/api/v1/investors/", new
        {
            name = "缺口测试有限公司", creditCode = CrmUnitIsolationTests.ValidCode(), ownership = "Private", isFortune500 = false, isChina500 = false,
            contacts = new[] { new { name = "王经理", phone = "13800000000" } }, linkedOfficerIds = Array.Empty<Guid>(),
        }));
        var project = await CrmUnitIsolationTests.Created(await officer.Send(HttpMethod.Post, "/api/v1/projects/", new
        {
            investorId = investor, name = "缺口测试项目", plannedInvestment = 100000000, keyLevel = "Municipal", stageDate = "2026-11-02",
        }));
        (await officer.Send(HttpMethod.Put, $"/api/v1/projects/{project}/concierge", new { aUserId = leaving, bUserId = partner }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Gaps(officer)).ShouldNotContain(p => p.GetProperty("id").GetGuid() == project);

        (await admin.Send(HttpMethod.Post, $"/api/v1/users/{leaving}/disable")).IsSuccessStatusCode.ShouldBeTrue();

        var gap = (await Gaps(officer)).Single(p => p.GetProperty("id").GetGuid() == project);
        gap.GetProperty("conciergeA").ValueKind.ShouldBe(JsonValueKind.Null);
        gap.GetProperty("conciergeB").GetString().ShouldBe("赵晓燕");
        var history = (await officer.Http.GetFromJsonAsync<JsonElement[]>($"/api/v1/projects/{project}/concierge"))!;
        history.Length.ShouldBe(2);
        history[0].GetProperty("aUserId").ValueKind.ShouldBe(JsonValueKind.Null);
        history[0].GetProperty("endedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        history[1].GetProperty("handoverReason").GetString().ShouldNotBeNull().ShouldContain("吴思远");
    }

    private static async Task<JsonElement[]> Gaps(ApiClient client) =>
        [.. (await client.Http.GetFromJsonAsync<JsonElement>("/api/v1/projects?lackingConcierge=true&pageSize=100")).GetProperty("items").EnumerateArray()];
}
