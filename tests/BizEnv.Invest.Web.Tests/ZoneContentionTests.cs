using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BizEnv.Invest.Web.Tests;

/// <summary>
/// Twenty officers promise the last 50 亩 of one zone at the same moment, through the API: exactly
/// one promise binds, every other one is told why not (the capacity left), and nobody gets a 500 —
/// whether the promises are for twenty projects or for one.
/// </summary>
public sealed class ZoneContentionTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    private const decimal FiftyMu = 33_333.5m; // m²

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Twenty_concurrent_land_promises_for_the_last_50_mu_give_exactly_one_success(bool differentProjects)
    {
        var zoneId = await ZoneWithExactlyFiftyMuLeft();
        var officers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => web.SignedInAs("officer")));
        var projects = await OpenProjects(officers[0], differentProjects ? 20 : 1);

        var responses = await Task.WhenAll(officers.Select((o, i) => o.Send(HttpMethod.Post, "/api/v1/commitments/", new
        {
            projectId = projects[i % projects.Count], kind = "Land", clause = $"供地 50 亩（第 {i + 1} 份）", valueCny = 5_000_000m,
            zoneId, resource = "Land", amount = FiftyMu, madeOn = "2026-03-02", dueDate = "2026-12-31",
            policyTitle = "海川市招商引资优惠政策", policyNumber = "海政发〔2024〕12号",
        })));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        statuses.ShouldNotContain(s => s >= 500, string.Join(",", statuses));
        statuses.Count(s => s == 201).ShouldBe(1, string.Join(",", statuses));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var problem = await ApiClient.Problem(refused);
            problem.GetProperty("code").GetString().ShouldBe("capacity.insufficient");
            problem.GetProperty("title").GetString()!.ShouldContain("亩");
        }
        var zone = await officers[0].Http.GetFromJsonAsync<JsonElement>($"/api/v1/zones/{zoneId}");
        zone.GetProperty("zone").GetProperty("capacity").EnumerateArray().Single(c => c.GetProperty("resource").GetString() == "Land")
            .GetProperty("available").GetDecimal().ShouldBe(0m);
    }

    private async Task<Guid> ZoneWithExactlyFiftyMuLeft()
    {
        var park = await web.SignedInAs("park");
        var parks = await park.Http.GetFromJsonAsync<JsonElement[]>("/api/v1/parks");
        var zone = parks!.Single(p => p.GetProperty("name").GetString() == "海川经济技术开发区").GetProperty("zones")[0];
        var id = zone.GetProperty("id").GetGuid();
        var readiness = await park.Send(HttpMethod.Put, $"/api/v1/zones/{id}/readiness",
            new { item = "SiteLevelling", status = "Ready", reason = "场平完成", version = zone.GetProperty("version").GetInt32() });
        readiness.StatusCode.ShouldBe(HttpStatusCode.OK, await readiness.Content.ReadAsStringAsync());
        var after = await readiness.Content.ReadFromJsonAsync<JsonElement>();
        var land = after.GetProperty("capacity").EnumerateArray().Single(c => c.GetProperty("resource").GetString() == "Land");
        var reserved = land.GetProperty("total").GetDecimal() - land.GetProperty("available").GetDecimal();
        var set = await park.Send(HttpMethod.Put, $"/api/v1/zones/{id}/capacity",
            new { resource = "Land", newTotal = reserved + FiftyMu, reason = "只剩最后 50 亩", version = after.GetProperty("version").GetInt32() });
        set.StatusCode.ShouldBe(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        return id;
    }

    private static async Task<List<Guid>> OpenProjects(ApiClient officer, int count)
    {
        var page = await officer.Http.GetFromJsonAsync<JsonElement>("/api/v1/projects/?pageSize=200");
        var ids = page.GetProperty("items").EnumerateArray()
            .Where(p => p.GetProperty("stage").GetString() != "Terminated")
            .Select(p => p.GetProperty("id").GetGuid()).Take(count).ToList();
        ids.Count.ShouldBe(count);
        return ids;
    }
}
