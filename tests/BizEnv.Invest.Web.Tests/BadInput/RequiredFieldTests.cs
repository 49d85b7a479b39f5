using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace BizEnv.Invest.Web.Tests.BadInput;

/// <summary>
/// Every field a command needs is required at the API: left out, or sent as null, it is a 400 that
/// names the field — never a default (a promise without its made-on date must not become 0001-01-01,
/// one without its kind must not become a land promise).
/// </summary>
public sealed class RequiredFieldTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    [Fact]
    public async Task Every_command_refuses_each_required_field_left_out_and_names_it()
    {
        var client = await web.SignedInAs("admin");
        var doc = await web.OpenApi();
        var misses = new List<string>();
        var checkedFields = 0;
        foreach (var op in doc.Operations().Where(o => o.BodySchema is not null && o.BodyContentType == "application/json"))
        {
            var body = (JsonObject)doc.Sample(op.BodySchema, "样例", optional: false)!;
            foreach (var field in doc.Required(op.BodySchema))
            {
                foreach (var (how, sent) in new[] { ("left out", BadRequests.Without(body, field)), ("null", BadRequests.With(body, field, null)) })
                {
                    checkedFields++;
                    var response = await client.Send(new HttpMethod(op.Method), op.Url(), sent);
                    if (response.StatusCode != HttpStatusCode.BadRequest)
                    {
                        misses.Add($"{op.Key} {field} {how} → {(int)response.StatusCode}");
                        continue;
                    }
                    var problem = await ApiClient.Problem(response);
                    if (!problem.TryGetProperty("errors", out var errors) || !errors.TryGetProperty(field, out _))
                        misses.Add($"{op.Key} {field} {how} → 400 without naming it: {problem}");
                }
            }
        }
        checkedFields.ShouldBeGreaterThan(200);
        misses.ShouldBeEmpty(string.Join("\n", misses.Take(30)));
    }

    [Theory]
    [InlineData("madeOn")]
    [InlineData("dueDate")]
    [InlineData("kind")]
    [InlineData("projectId")]
    [InlineData("clause")]
    public async Task A_promise_without_a_field_it_needs_is_refused_and_nothing_is_recorded(string field)
    {
        var officer = await web.SignedInAs("officer");
        var project = (await officer.Http.GetFromJsonAsync<JsonElement>("/api/v1/projects/?pageSize=1")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var body = new JsonObject
        {
            ["projectId"] = project.ToString(), ["kind"] = "TaxRebate", ["clause"] = "按地方留成部分返还", ["valueCny"] = 500000,
            ["madeOn"] = "2026-03-01", ["dueDate"] = "2026-12-31", ["policyTitle"] = "招商引资优惠政策", ["policyNumber"] = "政发〔2025〕1号",
        };
        body.Remove(field);
        var before = await Count();

        var response = await officer.Send(HttpMethod.Post, "/api/v1/commitments/", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.Problem(response)).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
        (await Count()).ShouldBe(before);
    }

    [Fact]
    public async Task A_kind_sent_as_a_number_or_an_unknown_name_is_refused_not_read_as_land()
    {
        var officer = await web.SignedInAs("officer");
        foreach (var kind in new JsonNode[] { JsonValue.Create(0), JsonValue.Create("Lnd") })
        {
            var response = await officer.Send(HttpMethod.Post, "/api/v1/commitments/", new JsonObject
            {
                ["projectId"] = Guid.NewGuid().ToString(), ["kind"] = kind, ["clause"] = "x", ["madeOn"] = "2026-03-01", ["dueDate"] = "2026-12-31",
            });
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await ApiClient.Problem(response)).GetProperty("errors").TryGetProperty("kind", out _).ShouldBeTrue();
        }
    }

    [Fact]
    public async Task Extreme_dates_and_null_list_items_are_field_errors()
    {
        var officer = await web.SignedInAs("officer");
        var project = (await officer.Http.GetFromJsonAsync<JsonElement>("/api/v1/projects/?pageSize=1")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var response = await officer.Send(HttpMethod.Post, "/api/v1/commitments/", new JsonObject
        {
            ["projectId"] = project.ToString(), ["kind"] = "Other", ["clause"] = "x", ["madeOn"] = "0001-01-01", ["dueDate"] = "9999-12-31",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await ApiClient.Problem(response)).GetProperty("errors");
        errors.TryGetProperty("madeOn", out _).ShouldBeTrue();
        errors.TryGetProperty("dueDate", out _).ShouldBeTrue();

        var investor = (await officer.Http.GetFromJsonAsync<JsonElement>("/api/v1/investors/?pageSize=1")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var visit = await officer.Send(HttpMethod.Post, "/api/v1/visits/", new JsonObject
        {
            ["investorId"] = investor.ToString(), ["visitedOn"] = "2026-03-02", ["purpose"] = "回访", ["officerIds"] = new JsonArray(),
            ["demands"] = new JsonArray((JsonNode?)null),
        });
        visit.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.Problem(visit)).GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldContain("demands[0]");
    }

    [Fact]
    public async Task A_page_number_at_the_int_limit_is_an_empty_page_not_an_overflow()
    {
        var officer = await web.SignedInAs("officer");
        var response = await officer.Http.GetAsync("/api/v1/investors/?page=2147483647&pageSize=200");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_failed_sign_in_with_a_100000_character_name_or_a_NUL_is_still_audited()
    {
        var client = web.NewClient();
        foreach (var name in new[] { BadRequests.Huge, "admin\u0000" })
        {
            await client.RefreshAntiforgery();
            var marker = Guid.NewGuid().ToString("N")[..8];
            var response = await client.Http.PostAsJsonAsync("/api/v1/auth/sign-in", new { userName = name + marker, password = "wrong" });
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, await response.Content.ReadAsStringAsync());
            await using var cn = new NpgsqlConnection(web.Database.SuperuserConnectionString);
            await cn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM audit_log WHERE action = 'SignIn' AND outcome <> 'success' AND user_name LIKE @prefix", cn);
            cmd.Parameters.AddWithValue("prefix", name[..Math.Min(5, name.Length)].Replace("\u0000", "\uFFFD") + "%");
            ((long)(await cmd.ExecuteScalarAsync())!).ShouldBeGreaterThan(0, "the refused sign-in is on record");
        }
    }

    [Fact]
    public async Task A_promise_stored_with_a_defaulted_date_before_the_fix_is_reported_to_the_admin()
    {
        // As a request without its made-on date used to leave it: a row the API can no longer write.
        Guid id;
        await using (var cn = new NpgsqlConnection(web.Database.SuperuserConnectionString))
        {
            await cn.OpenAsync();
            await using var cmd = new NpgsqlCommand("UPDATE commitments SET made_on = '-infinity' WHERE id = (SELECT id FROM commitments ORDER BY created_at LIMIT 1) RETURNING id", cn);
            id = (Guid)(await cmd.ExecuteScalarAsync())!;
        }
        var admin = await web.SignedInAs("admin");
        var overview = await admin.Http.GetFromJsonAsync<JsonElement>("/api/v1/home/admin");
        overview.GetProperty("suspectValueCount").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
        overview.GetProperty("suspectValues").EnumerateArray().ShouldContain(v =>
            v.GetProperty("rowId").GetGuid() == id && v.GetProperty("columnName").GetString() == "made_on" && v.GetProperty("problem").GetString() == "date_out_of_range");
    }

    private async Task<long> Count()
    {
        await using var cn = new NpgsqlConnection(web.Database.SuperuserConnectionString);
        await cn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM commitments", cn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
