using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BizEnv.Invest.Web.Tests;

/// <summary>
/// An officer of 招商二处 knows the ids of 招商一处's investor, project, trip and demand, and tries
/// every endpoint that takes such an id: each answers 404 (or 403), never the record, never a change —
/// except reading the firm itself, which the shared registry allows (read-only, projects hidden), and
/// keeping one's own unit's internal notes about it, which any unit may (UnitPrivacyApiTests).
/// </summary>
public sealed class CrmUnitIsolationTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    [Fact]
    public async Task An_officer_cannot_read_or_change_another_units_records_by_id_through_any_endpoint()
    {
        var owner = await web.SignedInAs("officer");
        var ids = await CreateRecords(owner);
        var stranger = await web.SignedInAs("officer2");
        var firm = await stranger.Http.GetFromJsonAsync<JsonElement>($"/api/v1/investors/{ids.Investor}");
        firm.GetProperty("canEdit").GetBoolean().ShouldBeFalse();
        firm.GetProperty("projects").GetArrayLength().ShouldBe(0);

        var endpoints = new AccessMatrixTests(web).Endpoints().Where(e => e.Template.Contains("{id:guid}") && e != ("GET", "/api/v1/investors/{id:guid}") && e != ("PUT", "/api/v1/investors/{id:guid}/unit-note") &&
            (e.Template.Contains("/investors/") || e.Template.Contains("/projects/") || e.Template.Contains("/trips/") || e.Template.Contains("/demands/"))).ToList();
        endpoints.Count.ShouldBeGreaterThanOrEqualTo(15); // investor update, project endpoints, trip report, demand resolve

        foreach (var (method, template) in endpoints)
        {
            var id = template.Contains("/investors/") ? ids.Investor : template.Contains("/trips/") ? ids.Trip : template.Contains("/demands/") ? ids.Demand : ids.Project;
            var url = template.Replace("{id:guid}", id.ToString()).Replace("{fileId:guid}", ids.File.ToString())
                .Replace("{changeId:guid}", Guid.NewGuid().ToString()).Replace("{issueId:guid}", Guid.NewGuid().ToString())
                .Replace("{contactId:guid}", ids.Contact.ToString());
            var body = await web.SampleBody(method, template, "样例", BodyFor(template));
            var response = template.EndsWith("/files") ? await new AccessMatrixTests(web).Call(stranger, method, template, url) : await stranger.Send(new HttpMethod(method), url, body);
            new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden }.ShouldContain(response.StatusCode, $"{method} {template}");
        }

        // Nothing changed: the owner still sees the original record.
        var project = await owner.Http.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{ids.Project}");
        project.GetProperty("summary").GetProperty("stage").GetString().ShouldBe("Lead");
        project.GetProperty("summary").GetProperty("name").GetString().ShouldBe("隔离测试项目");
    }

    /// <summary>Well-formed bodies, so a refusal cannot be a validation error in disguise.</summary>
    private static object? BodyFor(string template) => template switch
    {
        _ when template.EndsWith("/stage") => new { to = "Negotiating", stageDate = "2026-11-10", version = 1 },
        _ when template.EndsWith("/investments") => new { onDate = "2026-11-10", amount = 1000 },
        _ when template.EndsWith("/concierge") => new { aUserId = Guid.NewGuid() },
        _ when template.EndsWith("/report") => new { report = "报告", version = 1 },
        _ when template.EndsWith("/resolve") => new { resolution = "已解决" },
        _ when template.EndsWith("/review") => new { approve = true },
        _ when template.EndsWith("/issues") => new { description = "问题", ownerId = Guid.NewGuid(), dueDate = "2026-12-01" },
        _ when template.EndsWith("/weekly-reports") => new { week = "2026-11-16" },
        _ when template.EndsWith("/privacy") => new { onlyOurUnit = true },
        "/api/v1/projects/{id:guid}" => new { name = "改名", plannedInvestment = 1, keyLevel = "None", version = 1 },
        "/api/v1/investors/{id:guid}" => new { name = "改名", ownership = "Private", contacts = Array.Empty<object>(), linkedOfficerIds = Array.Empty<Guid>(), version = 1 },
        _ => null,
    };

    private static async Task<(Guid Investor, Guid Project, Guid Trip, Guid Demand, Guid File, Guid Contact)> CreateRecords(ApiClient owner)
    {
        var investor = await Created(await owner.Send(HttpMethod.Post, "/api/v1/investors/", new
        {
            name = "隔离测试有限公司", creditCode = ValidCode(), ownership = "Private", isFortune500 = false, isChina500 = false,
            contacts = new[] { new { name = "王经理", phone = "13800000000" } }, linkedOfficerIds = Array.Empty<Guid>(),
        }));
        var contact = (await owner.Http.GetFromJsonAsync<JsonElement>($"/api/v1/investors/{investor}")).GetProperty("contacts")[0].GetProperty("id").GetGuid();
        var project = await Created(await owner.Send(HttpMethod.Post, "/api/v1/projects/", new
        {
            investorId = investor, name = "隔离测试项目", plannedInvestment = 100000000, keyLevel = "None", stageDate = "2026-11-02",
        }));
        var trip = await Created(await owner.Send(HttpMethod.Post, "/api/v1/trips/", new
        {
            destination = "深圳", departedOn = "2026-11-02", returnedOn = "2026-11-04", leaderName = "周海涛", firmsVisited = "某企业",
        }));
        var me = await owner.Http.GetFromJsonAsync<JsonElement>("/api/v1/me");
        (await owner.Send(HttpMethod.Post, "/api/v1/visits/", new
        {
            investorId = investor, visitedOn = "2026-11-05", purpose = "测试", officerIds = Array.Empty<Guid>(),
            demands = new[] { new { description = "用地", ownerId = me.GetProperty("id").GetGuid(), dueDate = "2026-11-30" } },
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent("%PDF-1.4 evidence"u8.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(content, "file", "contract.pdf");
        var fileResponse = await owner.Http.PostAsync($"/api/v1/projects/{project}/files", form);
        fileResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        var file = (await fileResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var home = await owner.Http.GetFromJsonAsync<JsonElement>("/api/v1/home/officer");
        var demand = home.GetProperty("openItems").EnumerateArray().First(i => i.GetProperty("kind").GetString() == "demand").GetProperty("id").GetGuid();
        return (investor, project, trip, demand, file, contact);
    }

    internal static async Task<Guid> Created(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    internal static string ValidCode()
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
        var body = $"91370999MA{Random.Shared.Next(1_000_000, 9_999_999)}";
        var sum = body.Select((c, i) => alphabet.IndexOf(c) * weights[i]).Sum();
        var check = 31 - sum % 31;
        return body + alphabet[check == 31 ? 0 : check];
    }
}
