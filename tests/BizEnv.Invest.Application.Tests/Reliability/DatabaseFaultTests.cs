using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm.Investors.ListInvestors;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Application.Tests.Reliability;

/// <summary>The application reaching its database through a relay the test can cut.</summary>
public sealed class RelayedAppFixture : AppFixture
{
    public PgProxy Relay { get; private set; } = default!;

    protected override string AppConnection(TestDatabase database)
    {
        Relay = PgProxy.For(database.AppConnectionString);
        return Relay.Route(database.AppConnectionString);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Relay.DisposeAsync();
    }
}

public sealed class DatabaseFaultTests(RelayedAppFixture app) : IClassFixture<RelayedAppFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private Task<T> SendKeyed<T>(IRequest<T> request, Actor actor, string key) =>
        app.Services.GetRequiredService<RequestDispatcher>().Send(request, actor, key);

    // Checks read the database directly, not through the relay.
    private Task<long> Investors(string name) => app.Scalar<long>("SELECT count(*) FROM investors WHERE name = @name", new { name });

    private Task<IReadOnlyList<string>> AuditOutcomes(string action, string? objectId = null) =>
        app.Query<string>("SELECT outcome FROM audit_log WHERE action = @action AND (@objectId::text IS NULL OR object_id = @objectId) ORDER BY id",
            new { action, objectId });

    private static Task Eventually(Func<Task<bool>> condition) => Poll.Until(condition, Patience);

    [Fact]
    public async Task While_the_database_is_unreachable_nothing_is_saved_and_after_it_returns_the_same_process_works_again()
    {
        var officer = await app.As("officer");
        // The pool holds several live connections, which the outage kills while they sit idle.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => app.Send(new ListInvestors(), officer))));

        app.Relay.Sever();
        try
        {
            await Should.ThrowAsync<DatabaseUnavailableException>(() => app.Send(CrmBuilders.Investor("断网期间测试有限公司"), officer));
            await Should.ThrowAsync<DatabaseUnavailableException>(() => app.Send(new ListInvestors(), officer));
        }
        finally
        {
            app.Relay.Restore();
        }

        (await Investors("断网期间测试有限公司")).ShouldBe(0);
        // Same service provider, same pool: the first command after the outage goes through.
        var saved = await app.Send(CrmBuilders.Investor("断网之后测试有限公司"), officer);
        (await Investors("断网之后测试有限公司")).ShouldBe(1);
        (await AuditOutcomes("SaveInvestor", saved.Id.ToString())).ShouldBe(["success"]);
    }

    [Fact]
    public async Task A_connection_lost_in_the_middle_of_a_command_saves_nothing_and_is_audited_as_not_carried_out()
    {
        var officer = await app.As("officer");
        var dropped = app.Relay.DropAtNext(sql => sql.Contains("INSERT INTO investors", StringComparison.Ordinal), deliverToServer: false);

        await Should.ThrowAsync<DatabaseUnavailableException>(() => app.Send(CrmBuilders.Investor("中途断线测试有限公司"), officer));

        await dropped.WaitAsync(Patience);
        (await Investors("中途断线测试有限公司")).ShouldBe(0);
        // Only that connection died: the database itself answers, so the refusal is on record.
        (await AuditOutcomes("SaveInvestor")).ShouldContain("unavailable");
    }

    [Fact]
    public async Task A_commit_whose_reply_is_lost_after_saving_is_outcome_unknown_never_a_failure_and_its_key_returns_the_saved_record()
    {
        var officer = await app.As("officer");
        var key = Guid.NewGuid().ToString();
        var request = CrmBuilders.Investor("提交后失联测试有限公司");
        var before = (await AuditOutcomes("SaveInvestor")).Count;
        var dropped = app.Relay.DropAtNextCommit(deliverToServer: true);

        var unknown = await Should.ThrowAsync<OutcomeUnknownException>(() => SendKeyed(request, officer, key));
        unknown.Keyed.ShouldBeTrue();

        await dropped.WaitAsync(Patience);
        await Eventually(async () => await Investors("提交后失联测试有限公司") == 1); // the server did commit
        var id = await app.Scalar<Guid>("SELECT id FROM investors WHERE name = '提交后失联测试有限公司'");
        (await AuditOutcomes("SaveInvestor")).Skip(before).ShouldBe(["success"]); // its own success row, and no failure beside it

        var retried = await SendKeyed(request, officer, key);
        retried.Id.ShouldBe(id);
        (await Investors("提交后失联测试有限公司")).ShouldBe(1);
        (await AuditOutcomes("SaveInvestor", id.ToString())).ShouldBe(["success", "replayed"]);
    }

    [Fact]
    public async Task A_commit_lost_before_the_server_saw_it_is_outcome_unknown_and_the_retry_with_its_key_saves_once()
    {
        var officer = await app.As("officer");
        var key = Guid.NewGuid().ToString();
        var request = CrmBuilders.Investor("提交前失联测试有限公司");
        var before = (await AuditOutcomes("SaveInvestor")).Count;
        var dropped = app.Relay.DropAtNextCommit(deliverToServer: false);

        await Should.ThrowAsync<OutcomeUnknownException>(() => SendKeyed(request, officer, key));

        await dropped.WaitAsync(Patience);
        // The server rolls the transaction back when the connection goes; wait until it has.
        await Eventually(async () => await app.Scalar<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'") == 0);
        (await Investors("提交前失联测试有限公司")).ShouldBe(0);
        (await AuditOutcomes("SaveInvestor")).Count.ShouldBe(before); // neither success nor failure: nobody knew

        var retried = await SendKeyed(request, officer, key);
        (await SendKeyed(request, officer, key)).Id.ShouldBe(retried.Id);
        (await Investors("提交前失联测试有限公司")).ShouldBe(1);
    }
}
