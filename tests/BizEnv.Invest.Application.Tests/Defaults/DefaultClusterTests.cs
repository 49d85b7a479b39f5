using BizEnv.Invest.Application.Defaults.Grain;
using BizEnv.Invest.Application.Tests.Cluster;
using BizEnv.Invest.Testing;

namespace BizEnv.Invest.Application.Tests.Defaults;

/// <summary>
/// A default on a cluster of silos (two nodes beside the fixture's, one database): opened once however many nodes
/// ask at once, and its cure end decided exactly once — one Default.Remedied entry and one step — however many
/// ticks reach it from however many nodes.
/// </summary>
public sealed class DefaultClusterTests(TwoMoreNodes app) : IClassFixture<TwoMoreNodes>
{
    private IEnumerable<IObligationDefaultGrain> Everywhere(Guid obligationId) =>
        new[] { app.A, app.B, app.A, app.B }.Select(n => n.Grains.GetGrain<IObligationDefaultGrain>(obligationId))
            .Append(app.Grains.GetGrain<IObligationDefaultGrain>(obligationId));

    [Fact]
    public async Task A_default_opens_once_and_its_cure_end_is_decided_exactly_once_across_two_silos()
    {
        var officer = await app.As("officer");
        var obligation = await app.Obligation(officer, cureDays: 2);

        var opened = await Task.WhenAll(Everywhere(obligation).Select(g => g.Open()));
        opened.Distinct().ShouldHaveSingleItem().ShouldNotBeNull();
        var id = opened[0]!.Value;
        (await app.Scalar<long>("SELECT count(*) FROM obligation_defaults WHERE obligation_id = @obligation", new { obligation })).ShouldBe(1);
        (await app.DefaultEvents(id)).ShouldBe(["Default.Noticed"]);
        (await app.CureReminders(obligation)).ShouldBe(1);

        // Before the end: ticks from everywhere change nothing.
        await Task.WhenAll(Everywhere(obligation).Select(g => g.Check()));
        (await app.DefaultEvents(id)).ShouldBe(["Default.Noticed"]);

        var decidesAt = await app.Scalar<DateTime>("SELECT decides_at FROM obligation_defaults WHERE id = @id", new { id });
        app.Clock.Advance(new DateTimeOffset(decidesAt, TimeSpan.Zero) - app.Clock.GetUtcNow() + TimeSpan.FromSeconds(30));
        await Task.WhenAll(Everywhere(obligation).Select(g => g.Check()));
        await Task.WhenAll(Everywhere(obligation).Select(g => g.Check()).Concat(Everywhere(obligation).Select(g => g.Open().ContinueWith(_ => { }))));

        (await app.DefaultEvents(id)).ShouldBe(["Default.Noticed", "Default.Remedied"]);
        (await app.Scalar<long>("SELECT count(*) FROM default_steps WHERE default_id = @id AND step = 'Remedied'", new { id })).ShouldBe(1);
        (await app.Scalar<string>("SELECT status FROM obligation_defaults WHERE id = @id", new { id })).ShouldBe("Remedying");
        (await app.CureReminders(obligation)).ShouldBe(0);
    }

    [Fact]
    public async Task A_node_joining_the_cluster_runs_the_opening_reader_and_opens_a_missed_obligation_nobody_opened()
    {
        var officer = await app.As("officer");
        await using var c = await ClusterNode.StartAsync(app.Database.AppConnectionString, app.Database.OwnerConnectionString, app.Clock,
            settings: new Dictionary<string, string?> { ["Grains:DefaultOpeningIntervalSeconds"] = "0.2" });
        var obligation = await app.Obligation(officer, cureDays: 3);
        await Poll.Until(async () => await app.Scalar<long>("SELECT count(*) FROM obligation_defaults WHERE obligation_id = @obligation", new { obligation }) == 1,
            TimeSpan.FromSeconds(30));
        (await app.DefaultEvents(await app.DefaultOf(obligation))).ShouldBe(["Default.Noticed"]);
        (await app.CureReminders(obligation)).ShouldBe(1);
    }
}
