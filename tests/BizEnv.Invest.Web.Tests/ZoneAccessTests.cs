using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BizEnv.Invest.Web.Tests;

public sealed class ZoneAccessTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    private static async Task<JsonElement> Zone(ApiClient client, string park)
    {
        var parks = await client.Http.GetFromJsonAsync<JsonElement[]>("/api/v1/parks");
        return parks!.Single(p => p.GetProperty("name").GetString() == park).GetProperty("zones")[0];
    }

    private static object Body(JsonElement zone, decimal total) =>
        new { resource = "Power", newTotal = total, reason = "电网扩容", version = zone.GetProperty("version").GetInt32() };

    [Fact]
    public async Task A_park_manager_edits_their_own_park_but_gets_403_on_another()
    {
        var park = await web.SignedInAs("park");
        var own = await Zone(park, "海川经济技术开发区");
        var other = await Zone(park, "海川高新技术产业开发区");

        var refused = await park.Send(HttpMethod.Put, $"/api/v1/zones/{other.GetProperty("id").GetGuid()}/capacity", Body(other, 999_999));
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ApiClient.Problem(refused)).GetProperty("code").GetString().ShouldBe("zone.not_your_park");

        var ok = await park.Send(HttpMethod.Put, $"/api/v1/zones/{own.GetProperty("id").GetGuid()}/capacity", Body(own, 120_000));
        ok.StatusCode.ShouldBe(HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Officers_read_capacity_but_cannot_edit_it()
    {
        var officer = await web.SignedInAs("officer");
        var zone = await Zone(officer, "海川经济技术开发区");
        var id = zone.GetProperty("id").GetGuid();
        var detail = await officer.Http.GetFromJsonAsync<JsonElement>($"/api/v1/zones/{id}");
        detail.GetProperty("canEdit").GetBoolean().ShouldBeFalse();
        detail.GetProperty("readiness").GetArrayLength().ShouldBe(20);
        (await officer.Send(HttpMethod.Put, $"/api/v1/zones/{id}/capacity", Body(zone, 1))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await officer.Send(HttpMethod.Put, $"/api/v1/zones/{id}/readiness",
            new { item = "Power", status = "Ready", reason = "x", version = zone.GetProperty("version").GetInt32() })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
