using BizEnv.Invest.Application.Commitments.RecordCommitment;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Domain.Commitments;
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
/// leave their grains none (each of them then failing when the pool's wait ran out).
/// </summary>
public sealed class PoolHeadroomTests(SmallPoolFixture app) : IClassFixture<SmallPoolFixture>
{
    [Fact]
    public void Half_the_pool_carries_commands_to_grains_and_at_least_one()
    {
        GrainCommandGate.SlotsFor("Host=h;Maximum Pool Size=100").ShouldBe(50);
        GrainCommandGate.SlotsFor("Host=h;Maximum Pool Size=7").ShouldBe(3);
        GrainCommandGate.SlotsFor("Host=h;Maximum Pool Size=1").ShouldBe(1);
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
}
