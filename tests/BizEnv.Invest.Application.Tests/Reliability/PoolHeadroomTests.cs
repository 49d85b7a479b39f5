using BizEnv.Invest.Application.Chains.GetChain;
using BizEnv.Invest.Application.Commitments.RecordCommitment;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Tests.Chains;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Testing;
using Npgsql;

namespace BizEnv.Invest.Application.Tests.Reliability;

/// <summary>The application on a pool of six connections, giving up on a wait for one after 3 s.</summary>
public sealed class SmallPoolFixture : AppFixture
{
    public const int PoolSize = 6;

    protected override string AppConnection(TestDatabase database) =>
        new NpgsqlConnectionStringBuilder(database.AppConnectionString) { MaxPoolSize = PoolSize, Timeout = 3 }.ConnectionString;
}

/// <summary>
/// A command's handler holds its request's connection while the grain it asked works, and the grain needs one of its
/// own from the same pool. More commands at once than the pool holds must queue for it, not take every connection and
/// leave their grains none (each of them then failing when the pool's wait ran out). The same for the queries that have
/// a grain bring figures up to date first.
/// </summary>
public sealed class PoolHeadroomTests(SmallPoolFixture app) : IClassFixture<SmallPoolFixture>
{
    [Fact]
    public void Half_the_pool_waits_on_grains_at_once()
    {
        GrainCallGate.SlotsFor("Host=h;Maximum Pool Size=100").ShouldBe(50);
        GrainCallGate.SlotsFor("Host=h;Maximum Pool Size=7").ShouldBe(3);
        GrainCallGate.SlotsFor("Host=h;Maximum Pool Size=4").ShouldBe(2);
    }

    [Fact]
    public async Task A_request_whose_turn_does_not_come_in_time_is_told_busy_and_a_slot_given_back_serves_the_next_once()
    {
        var gate = new GrainCallGate("Host=h;Maximum Pool Size=4", TimeSpan.FromMilliseconds(100));
        using var first = await gate.EnterAsync(default);
        var second = await gate.EnterAsync(default);
        await Should.ThrowAsync<Errors.ServerBusyException>(() => gate.EnterAsync(default));

        second.Dispose();
        second.Dispose(); // given back once, however often disposed
        using var third = await gate.EnterAsync(default);
        await Should.ThrowAsync<Errors.ServerBusyException>(() => gate.EnterAsync(default));
    }

    [Fact]
    public void A_pool_too_small_for_a_request_and_its_grain_is_refused_at_start_up_in_words()
    {
        Should.Throw<InvalidOperationException>(() => Infrastructure.Database.AppDataSource.Build("Host=h;Maximum Pool Size=3"))
            .Message.ShouldBe("The application's connection string sets Maximum Pool Size=3; it needs at least 4 (default 100).");
        using var smallest = Infrastructure.Database.AppDataSource.Build("Host=h;Maximum Pool Size=4");
    }

    [Fact]
    public async Task Four_times_as_many_promises_recorded_at_once_as_the_pool_has_connections_are_all_recorded()
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var recorded = await Task.WhenAll(Enumerable.Range(1, 4 * SmallPoolFixture.PoolSize).Select(i => app.Send(
            new RecordCommitment(project.Id, CommitmentKind.Other, $"连接池余量测试 {i}", null, null, null, null,
                new DateOnly(2026, 11, 1), new DateOnly(2027, 6, 30), null, null, null), officer)));

        recorded.Select(c => c.Id).Distinct().Count().ShouldBe(4 * SmallPoolFixture.PoolSize);
        (await app.Scalar<long>("SELECT count(*) FROM commitments WHERE clause LIKE '连接池余量测试 %'")).ShouldBe(4 * SmallPoolFixture.PoolSize);
    }

    [Fact]
    public async Task Four_times_as_many_chain_pages_at_once_as_the_pool_has_connections_each_with_its_figures_brought_up_to_date_all_open()
    {
        var admin = await app.As("admin");
        var chains = new List<Guid>();
        for (var i = 0; i < 4 * SmallPoolFixture.PoolSize; i++)
            chains.Add(await app.NewChain(admin));
        // A new day: every chain's stored figures are yesterday's, so each page has the chain's grain write today's first.
        app.Clock.Advance(TimeSpan.FromDays(1));

        var graphs = await Task.WhenAll(chains.Select(c => app.Send(new GetChain(c), admin)));

        graphs.Length.ShouldBe(chains.Count);
        (await app.Scalar<long>("SELECT count(*) FROM chain_status WHERE chain_id = ANY(@chains) AND as_of = @today",
            new { chains = chains.ToArray(), today = app.Clock.Today() })).ShouldBe(chains.Count);
    }
}
