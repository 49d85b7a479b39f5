using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BizEnv.Invest.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Web.Tests;

/// <summary>
/// The whole app reaching its database through a relay the test can cut. No COMMIT but the test's own
/// may be in flight when a trap is set: the ledger's sequencer and checkpoint writer are off, and the tests wait for the
/// re-arming and remediation-join queues and the alert outbox to be empty (their readers commit only when they served rows).
/// </summary>
public sealed class RelayedWebFactory : InvestWebFactory
{
    private PgProxy? _relay;

    public PgProxy Relay => _relay ?? throw new InvalidOperationException("The app has not started yet.");

    protected override string AppConnection(TestDatabase database)
    {
        _relay ??= PgProxy.For(database.AppConnectionString);
        return _relay.Route(database.AppConnectionString);
    }

    // The ledger's sequencer commits a transaction every second it holds its lock, and the checkpoint writer
    // commits too: either would take a trap set for the test's own COMMIT. These tests write no promise.
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Ledger:Sequencer", "false");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_relay is not null)
            await _relay.DisposeAsync();
    }
}

/// <summary>
/// Faults told truthfully: while the database is unreachable the API answers 503 with Retry-After
/// and says nothing was saved; a lost commit reply says the outcome is unknown and how to check;
/// the same process serves again as soon as the database is back.
/// </summary>
public sealed class DatabaseDownTests(RelayedWebFactory web) : IClassFixture<RelayedWebFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static Task<HttpResponseMessage> Post(ApiClient client, string url, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (key is not null)
            request.Headers.Add("Idempotency-Key", key);
        return client.Http.SendAsync(request);
    }

    private static object Investor(string name) => new
    {
        name, ownership = "Private", isFortune500 = false, isChina500 = false, contacts = Array.Empty<object>(), linkedOfficerIds = Array.Empty<Guid>(),
    };

    private async Task<long> Investors(string name) =>
        (await web.Query<long>("SELECT count(*) FROM investors WHERE name = @name", new { name })).Single();

    private async Task<IReadOnlyList<string>> AuditOutcomes(string userName, string action) =>
        await web.Query<string>("SELECT outcome FROM audit_log WHERE user_name = @userName AND action = @action ORDER BY id", new { userName, action });

    private static async Task<JsonElement> ShouldBe503(HttpResponseMessage response, string code, string saying)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, await response.Content.ReadAsStringAsync());
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
        var problem = await ApiClient.Problem(response);
        problem.GetProperty("code").GetString().ShouldBe(code);
        problem.GetProperty("status").GetInt32().ShouldBe(503);
        problem.GetProperty("title").GetString()!.ShouldContain(saying);
        return problem;
    }

    private static Task Eventually(Func<Task<bool>> condition) => Poll.Until(condition, Patience);

    /// <summary>
    /// A trap for "the next COMMIT" must catch the test's own: the start-up work is done first — the demo
    /// promises handed to their grains, the pre-2018 ones' joins taken by the remediation list's grain (each
    /// join is a transaction of its own, taken when the join reader next wakes the grain), and the demo's
    /// breach alerts relayed from the outbox (the relay commits each batch it marks).
    /// </summary>
    private async Task<Task> DropAtNextCommitAsync(bool deliverToServer)
    {
        await Eventually(async () => (await web.Query<long>("""
            SELECT (SELECT count(*) FROM deadline_rearm) + (SELECT count(*) FROM remediation_joins)
                 + (SELECT count(*) FROM outbox WHERE relayed_at IS NULL)
            """)).Single() == 0);
        return web.Relay.DropAtNextCommit(deliverToServer);
    }

    [Fact]
    public async Task While_the_database_is_down_a_create_is_a_503_saying_nothing_was_saved_and_the_same_app_recovers_without_restart()
    {
        var officer = await web.SignedInAs("officer");
        var anonymous = web.NewClient();
        (await anonymous.Http.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);

        web.Relay.Sever();
        try
        {
            await ShouldBe503(await Post(officer, "/api/v1/investors", Investor("停库期间测试有限公司"), Guid.NewGuid().ToString()),
                "fault.database_unavailable", "未保存");
            await ShouldBe503(await officer.Http.GetAsync("/api/v1/investors"), "fault.database_unavailable", "数据库暂时无法连接");
            (await anonymous.Http.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await anonymous.Http.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK); // the process itself is fine

            // A page says the same in words (not "unexpected error"), with the same status.
            var page = await officer.Http.GetAsync("/investors");
            page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            page.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
            WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()).ShouldContain("本次操作未保存任何内容");
        }
        finally
        {
            web.Relay.Restore();
        }

        (await Investors("停库期间测试有限公司")).ShouldBe(0);
        (await anonymous.Http.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var created = await Post(officer, "/api/v1/investors", Investor("停库之后测试有限公司"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        (await Investors("停库之后测试有限公司")).ShouldBe(1);
    }

    [Fact]
    public async Task A_create_whose_commit_reply_is_lost_is_a_503_outcome_unknown_never_audited_as_a_failure_and_its_key_then_returns_the_first_201()
    {
        var officer = await web.SignedInAs("officer");
        var key = Guid.NewGuid().ToString();
        var body = Investor("提交失联接口测试有限公司");
        var before = (await AuditOutcomes("officer", "SaveInvestor")).Count;
        var dropped = await DropAtNextCommitAsync(deliverToServer: true);

        var lost = await Post(officer, "/api/v1/investors", body, key);

        await dropped.WaitAsync(Patience);
        (await ShouldBe503(lost, "fault.outcome_unknown", "Idempotency-Key")).GetProperty("title").GetString()!.ShouldContain("可能已经保存");
        await Eventually(async () => await Investors("提交失联接口测试有限公司") == 1); // it was saved after all
        var id = (await web.Query<Guid>("SELECT id FROM investors WHERE name = '提交失联接口测试有限公司'")).Single();
        (await AuditOutcomes("officer", "SaveInvestor")).Skip(before).ShouldBe(["success"]); // no failure row beside the committed success

        var retried = await Post(officer, "/api/v1/investors", body, key);

        retried.StatusCode.ShouldBe(HttpStatusCode.Created);
        retried.Headers.Location!.ToString().ShouldBe($"/api/v1/investors/{id}");
        (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid().ShouldBe(id);
        (await Investors("提交失联接口测试有限公司")).ShouldBe(1);
    }

    [Fact]
    public async Task Without_a_key_the_outcome_unknown_answer_warns_that_sending_again_may_duplicate()
    {
        var officer = await web.SignedInAs("officer");
        var dropped = await DropAtNextCommitAsync(deliverToServer: false);

        var lost = await Post(officer, "/api/v1/investors", Investor("无键失联测试有限公司"));

        await dropped.WaitAsync(Patience);
        await ShouldBe503(lost, "fault.outcome_unknown_no_key", "可能重复创建");
        (await Investors("无键失联测试有限公司")).ShouldBe(0); // this time the server never saw the COMMIT
    }

    [Fact]
    public async Task An_open_page_is_not_signed_out_because_the_database_is_unreachable()
    {
        var dispatcher = web.Services.GetRequiredService<BizEnv.Invest.Application.Abstractions.RequestDispatcher>();
        var user = await dispatcher.Send(new BizEnv.Invest.Application.Auth.GetSessionUser.GetSessionUser(), await OfficerActor());
        var revoked = BizEnv.Invest.Web.Auth.InvestClaims.ToPrincipal(user with { SecurityStamp = Guid.NewGuid() }, web.Clock.GetUtcNow(), "Cookies");
        var valid = BizEnv.Invest.Web.Auth.InvestClaims.ToPrincipal(user, web.Clock.GetUtcNow(), "Cookies");
        using var circuit = new BizEnv.Invest.Web.Auth.CircuitRevalidation(
            web.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>(), web.Services.GetRequiredService<BizEnv.Invest.Web.Auth.SessionValidator>());
        var validate = typeof(BizEnv.Invest.Web.Auth.CircuitRevalidation).GetMethod("ValidateAuthenticationStateAsync",
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        Task<bool> Check(System.Security.Claims.ClaimsPrincipal who) =>
            (Task<bool>)validate.Invoke(circuit, [new Microsoft.AspNetCore.Components.Authorization.AuthenticationState(who), CancellationToken.None])!;

        (await Check(valid)).ShouldBeTrue();
        (await Check(revoked)).ShouldBeFalse(); // a changed security stamp ends the circuit's session

        web.Relay.Sever();
        try
        {
            (await Check(revoked)).ShouldBeTrue(); // no verdict while the database is away: checked again next interval
        }
        finally
        {
            web.Relay.Restore();
        }
        (await Check(revoked)).ShouldBeFalse();
    }

    /// <summary>The officer as a page would send (the actor the cookie stands for).</summary>
    private async Task<BizEnv.Invest.Application.Abstractions.Actor> OfficerActor()
    {
        var row = (await web.Query<(Guid Id, Guid UnitId, string[] Roles)>("SELECT id, unit_id, roles FROM users WHERE user_name = 'officer'")).Single();
        return new BizEnv.Invest.Application.Abstractions.Actor(row.Id, "officer", row.UnitId,
            row.Roles.Select(Enum.Parse<BizEnv.Invest.Domain.Identity.Role>).ToHashSet(), "127.0.0.1");
    }

    [Fact]
    public async Task A_page_submitting_its_form_again_after_a_lost_commit_reply_shows_the_saved_record_not_a_second_one()
    {
        // What AppPage does for every form, against the real pipeline and database.
        var officer = await OfficerActor();
        var dispatcher = web.Services.GetRequiredService<BizEnv.Invest.Application.Abstractions.RequestDispatcher>();
        var page = new BizEnv.Invest.Web.Components.Shared.SubmissionKeys();
        var form = new BizEnv.Invest.Application.Crm.Trips.RecordTrip.RecordTrip("页面重提-杭州", new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 3), "周海涛", null, "某企业");
        var dropped = await DropAtNextCommitAsync(deliverToServer: true);

        await Should.ThrowAsync<BizEnv.Invest.Application.Errors.OutcomeUnknownException>(() => page.SendAsync(dispatcher, form, officer));
        await dropped.WaitAsync(Patience);
        await Eventually(async () => (await web.Query<long>("SELECT count(*) FROM trips WHERE destination = '页面重提-杭州'")).Single() == 1);

        var shown = await page.SendAsync(dispatcher, form, officer); // the user presses 保存 again

        shown.Id.ShouldBe((await web.Query<Guid>("SELECT id FROM trips WHERE destination = '页面重提-杭州'")).Single());
        (await web.Query<long>("SELECT count(*) FROM trips WHERE destination = '页面重提-杭州'")).Single().ShouldBe(1);

        // The next trip from the same page is a new submission with a new key.
        var next = await page.SendAsync(dispatcher, form with { Destination = "页面重提-宁波" }, officer);
        next.Id.ShouldNotBe(shown.Id);
    }

    [Fact]
    public async Task A_page_whose_lost_submission_was_saved_and_then_changed_is_told_so_and_may_go_on()
    {
        var officer = await OfficerActor();
        var dispatcher = web.Services.GetRequiredService<BizEnv.Invest.Application.Abstractions.RequestDispatcher>();
        var page = new BizEnv.Invest.Web.Components.Shared.SubmissionKeys();
        var form = new BizEnv.Invest.Application.Crm.Trips.RecordTrip.RecordTrip("页面改后重提-苏州", new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 3), "周海涛", null, "某企业");
        var dropped = await DropAtNextCommitAsync(deliverToServer: true);
        await Should.ThrowAsync<BizEnv.Invest.Application.Errors.OutcomeUnknownException>(() => page.SendAsync(dispatcher, form, officer));
        await dropped.WaitAsync(Patience);

        var changed = form with { FirmsVisited = "某企业、另一企业" };
        var told = await Should.ThrowAsync<BizEnv.Invest.Application.Errors.IdempotencyKeyReusedException>(() => page.SendAsync(dispatcher, changed, officer));
        BizEnv.Invest.Web.Errors.DatabaseFaults.Classify(told)!.PageCode.ShouldBe("idempotency.key_reused_page");
        (await web.Query<long>("SELECT count(*) FROM trips WHERE destination = '页面改后重提-苏州'")).Single().ShouldBe(1);

        await page.SendAsync(dispatcher, changed, officer); // knowingly, with a fresh key
        (await web.Query<long>("SELECT count(*) FROM trips WHERE destination = '页面改后重提-苏州'")).Single().ShouldBe(2);
    }
}

public sealed class FaultMessageTests
{
    public static TheoryData<Exception> Faults() =>
    [
        new BizEnv.Invest.Application.Errors.DatabaseUnavailableException(new TimeoutException()),
        new BizEnv.Invest.Application.Errors.OutcomeUnknownException(new TimeoutException(), keyed: true),
        new BizEnv.Invest.Application.Errors.OutcomeUnknownException(new TimeoutException(), keyed: false),
        new BizEnv.Invest.Application.Errors.IdempotencyKeyReusedException(),
        new BizEnv.Invest.Application.Errors.IdempotencyKeyInProgressException(),
        new BizEnv.Invest.Application.Errors.ServerBusyException(),
        new Npgsql.NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)),
    ];

    [Theory]
    [MemberData(nameof(Faults))]
    public void Every_fault_has_its_words_for_the_api_and_for_pages_in_both_languages(Exception fault)
    {
        var answer = BizEnv.Invest.Web.Errors.DatabaseFaults.Classify(fault).ShouldNotBeNull();
        foreach (var culture in BizEnv.Invest.Application.Localization.Text.Cultures)
        {
            BizEnv.Invest.Application.Localization.Text.In(culture, answer.Code).ShouldNotBeNullOrWhiteSpace($"{answer.Code} in {culture}");
            BizEnv.Invest.Application.Localization.Text.In(culture, answer.PageCode).ShouldNotBeNullOrWhiteSpace($"{answer.PageCode} in {culture}");
        }
    }

    [Fact]
    public void An_unknown_outcome_is_never_told_as_please_try_again_alone()
    {
        foreach (var code in new[] { "fault.outcome_unknown", "fault.outcome_unknown_no_key", "fault.outcome_unknown_page" })
        {
            BizEnv.Invest.Application.Localization.Text.In("zh-CN", code)!.ShouldContain("可能已经保存");
            BizEnv.Invest.Application.Localization.Text.In("zh-CN", code)!.ShouldContain("列表中查看");
            BizEnv.Invest.Application.Localization.Text.In("en-US", code)!.ShouldContain("may have been");
            BizEnv.Invest.Application.Localization.Text.In("en-US", code)!.ShouldContain("Check the list");
        }
        BizEnv.Invest.Application.Localization.Text.In("zh-CN", "fault.database_unavailable")!.ShouldContain("未保存");
        BizEnv.Invest.Application.Localization.Text.In("en-US", "fault.database_unavailable")!.ShouldContain("nothing was saved");
    }

    [Theory]
    [InlineData("23505", false)] // unique violation: an answer
    [InlineData("40001", false)] // serialization failure: transient, but the database answered
    [InlineData("40P01", false)] // deadlock: likewise
    [InlineData("57P01", true)]  // admin shutdown
    [InlineData("57P03", true)]  // cannot connect now (starting up)
    [InlineData("08006", true)]  // connection failure
    [InlineData("53300", true)]  // too many connections
    public void Only_a_database_that_cannot_be_talked_to_is_unreachable(string sqlState, bool unreachable)
    {
        var answer = new Npgsql.PostgresException("x", "ERROR", "ERROR", sqlState);
        BizEnv.Invest.Application.Errors.DatabaseFault.IsUnreachable(answer).ShouldBe(unreachable);
        BizEnv.Invest.Application.Errors.DatabaseFault.IsUnreachable(new InvalidOperationException("x", answer)).ShouldBe(unreachable);
        BizEnv.Invest.Web.Errors.DatabaseFaults.Classify(new InvalidOperationException("no database involved")).ShouldBeNull();
    }

    [Fact]
    public void An_unreadable_request_body_is_not_an_unreachable_database()
    {
        // BadHttpRequestException is an IOException: only a socket's I/O error speaks of the database.
        BizEnv.Invest.Application.Errors.DatabaseFault.IsUnreachable(new Microsoft.AspNetCore.Http.BadHttpRequestException("Required parameter was not provided from body.")).ShouldBeFalse();
        BizEnv.Invest.Application.Errors.DatabaseFault.IsUnreachable(new IOException("x", new System.Net.Sockets.SocketException(104))).ShouldBeTrue();
    }
}
