using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BizEnv.Invest.Web.Tests;

/// <summary>
/// Retries never duplicate: a create sent again with its Idempotency-Key (its first response
/// "lost") answers exactly as the first time, and the database holds one record.
/// </summary>
public sealed class IdempotencyApiTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    private static Task<HttpResponseMessage> Post(ApiClient client, string url, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (key is not null)
            request.Headers.Add("Idempotency-Key", key);
        return client.Http.SendAsync(request);
    }

    /// <summary>Sends the create twice under one key; both answers must be the same 201 (status, Location, body).</summary>
    private static async Task<Guid> CreatedTwice(ApiClient client, string url, object body)
    {
        var key = Guid.NewGuid().ToString();
        var first = await Post(client, url, body, key);
        var firstBody = await first.Content.ReadAsStringAsync();
        first.StatusCode.ShouldBe(HttpStatusCode.Created, firstBody);

        var again = await Post(client, url, body, key); // the client never saw the first answer and retries

        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.Headers.Location.ShouldBe(first.Headers.Location);
        (await again.Content.ReadAsStringAsync()).ShouldBe(firstBody);
        var id = JsonDocument.Parse(firstBody).RootElement.GetProperty("id").GetGuid();
        first.Headers.Location!.ToString().ShouldEndWith(id.ToString());
        return id;
    }

    private async Task<long> Rows(string table, Guid id) =>
        (await web.Query<long>($"SELECT count(*) FROM {table} WHERE id = @id", new { id })).Single();

    private static object Investor(string name) => new
    {
        name, ownership = "Private", isFortune500 = false, isChina500 = false, contacts = Array.Empty<object>(), linkedOfficerIds = Array.Empty<Guid>(),
    };

    private static object Promise(Guid projectId, string clause) => new
    {
        projectId, kind = "Subsidy", clause, valueCny = 500000, madeOn = "2026-11-01", dueDate = "2027-06-30",
        policyTitle = "海川市促进先进制造业发展若干政策", policyNumber = "海政发〔2025〕3号",
    };

    private static async Task<Guid> Created(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Creates_replayed_with_their_key_answer_the_same_201_and_exist_once()
    {
        var officer = await web.SignedInAs("officer");

        var investor = await CreatedTwice(officer, "/api/v1/investors", Investor("幂等重放投资方有限公司"));
        (await Rows("investors", investor)).ShouldBe(1);
        (await web.Query<long>("SELECT count(*) FROM investors WHERE name = '幂等重放投资方有限公司'")).Single().ShouldBe(1);

        var project = await CreatedTwice(officer, "/api/v1/projects", new
        {
            investorId = investor, name = "幂等重放项目", plannedInvestment = 100000000, keyLevel = "None", stageDate = "2026-11-02",
        });
        (await web.Query<long>("SELECT count(*) FROM projects WHERE name = '幂等重放项目'")).Single().ShouldBe(1);

        var promise = await CreatedTwice(officer, "/api/v1/commitments", Promise(project, "幂等重放：设备补贴 50 万元"));
        (await Rows("commitments", promise)).ShouldBe(1);
        (await web.Query<long>("SELECT count(*) FROM commitments WHERE clause = '幂等重放：设备补贴 50 万元'")).Single().ShouldBe(1);
        (await web.Query<long>("SELECT count(*) FROM ledger_history WHERE commitment_id = @promise", new { promise })).Single().ShouldBe(1);

        var visit = await CreatedTwice(officer, "/api/v1/visits", new
        {
            investorId = investor, projectId = project, visitedOn = "2026-11-05", purpose = "幂等重放走访", officerIds = Array.Empty<Guid>(), demands = Array.Empty<object>(),
        });
        (await Rows("visits", visit)).ShouldBe(1);
        (await web.Query<long>("SELECT count(*) FROM visits WHERE purpose = '幂等重放走访'")).Single().ShouldBe(1);

        var trip = await CreatedTwice(officer, "/api/v1/trips", new
        {
            destination = "幂等重放-深圳", departedOn = "2026-11-02", returnedOn = "2026-11-04", leaderName = "周海涛", firmsVisited = "某企业",
        });
        (await Rows("trips", trip)).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422_problem_and_nothing_is_written()
    {
        var officer = await web.SignedInAs("officer");
        var key = Guid.NewGuid().ToString();
        await Created(await Post(officer, "/api/v1/investors", Investor("键复用甲有限公司"), key));

        var other = await Post(officer, "/api/v1/investors", Investor("键复用乙有限公司"), key);

        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await ApiClient.Problem(other);
        problem.GetProperty("code").GetString().ShouldBe("idempotency.key_reused");
        problem.GetProperty("title").GetString()!.ShouldContain("Idempotency-Key");
        (await web.Query<long>("SELECT count(*) FROM investors WHERE name = '键复用乙有限公司'")).Single().ShouldBe(0);
    }

    [Fact]
    public async Task Eight_concurrent_promises_with_one_key_make_one_promise_and_every_answer_names_it()
    {
        var officer = await web.SignedInAs("officer");
        var investor = await Created(await Post(officer, "/api/v1/investors", Investor("并发幂等投资方有限公司"), null));
        var project = await Created(await Post(officer, "/api/v1/projects", new
        {
            investorId = investor, name = "并发幂等项目", plannedInvestment = 100000000, keyLevel = "None", stageDate = "2026-11-02",
        }, null));
        var key = Guid.NewGuid().ToString();
        var body = Promise(project, "并发幂等：设备补贴 50 万元");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Post(officer, "/api/v1/commitments", body, key))));

        var ids = new List<Guid>();
        foreach (var answer in answers)
            ids.Add(await Created(answer));
        ids.Distinct().Count().ShouldBe(1);
        (await web.Query<long>("SELECT count(*) FROM commitments WHERE project_id = @project", new { project })).Single().ShouldBe(1);
        (await web.Query<long>("SELECT count(*) FROM ledger_history WHERE commitment_id = @id", new { id = ids[0] })).Single().ShouldBe(1);
    }

    [Fact]
    public async Task A_malformed_key_is_a_400_problem_and_a_create_without_a_key_still_works()
    {
        var officer = await web.SignedInAs("officer");
        var bad = await Post(officer, "/api/v1/investors", Investor("坏键测试有限公司"), new string('x', 201));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ApiClient.Problem(bad)).GetProperty("code").GetString().ShouldBe("idempotency.key_invalid");
        (await web.Query<long>("SELECT count(*) FROM investors WHERE name = '坏键测试有限公司'")).Single().ShouldBe(0);

        await Created(await Post(officer, "/api/v1/investors", Investor("坏键测试有限公司"), null));
    }
}
