using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BizEnv.Invest.Web.Tests;

/// <summary>An admin disables an officer who serves a concierge pair: refused without a successor (400, field error), and with one the successor serves in their place on the very next read.</summary>
public sealed class ConciergeGapApiTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    [Fact]
    public async Task Disabling_an_officer_needs_a_successor_who_takes_their_role_at_once_with_the_handover_in_the_history()
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

        var refused = await admin.Send(HttpMethod.Post, $"/api/v1/users/{leaving}/disable");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("SuccessorId");
        var successor = await CrmUnitIsolationTests.Created(await admin.Send(HttpMethod.Post, "/api/v1/users", new
        {
            userName = "gapsuccessor", displayName = "郑继", unitId = unit, roles = new[] { "PromotionOfficer" }, initialPassword = "Welcome#2026",
        }));

        (await admin.Send(HttpMethod.Post, $"/api/v1/users/{leaving}/disable?successorId={successor}")).IsSuccessStatusCode.ShouldBeTrue();

        (await Gaps(officer)).ShouldNotContain(p => p.GetProperty("id").GetGuid() == project);
        var history = (await officer.Http.GetFromJsonAsync<JsonElement[]>($"/api/v1/projects/{project}/concierge"))!;
        history.Length.ShouldBe(2);
        history[0].GetProperty("aUserId").GetGuid().ShouldBe(successor);
        history[0].GetProperty("endedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        history[1].GetProperty("handoverReason").GetString().ShouldNotBeNull().ShouldContain("吴思远");
    }

    private static async Task<JsonElement[]> Gaps(ApiClient client) =>
        [.. (await client.Http.GetFromJsonAsync<JsonElement>("/api/v1/projects?lackingConcierge=true&pageSize=100")).GetProperty("items").EnumerateArray()];
}
