using BizEnv.Invest.Application.Tests.Cluster;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.Remediation.GetRemediationItem;
using BizEnv.Invest.Application.Commitments.Remediation.Grain;
using BizEnv.Invest.Application.Commitments.Remediation.PlanRemediation;
using BizEnv.Invest.Domain.Common;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BizEnv.Invest.Application.Tests.Commitments;

/// <summary>
/// A remediation deadline on a cluster of silos (two nodes beside the fixture's, one database, each
/// with the reminder service): missed, it escalates exactly once — one RemediationOverdue alert and one
/// RemediationEscalated ledger entry — however many ticks reach the list from however many nodes, and
/// even when two writers race outside the grain; a later deadline, planned after the escalation and
/// missed too, escalates once more.
/// </summary>
public sealed class RemediationEscalationTests(TwoMoreNodes app) : IClassFixture<TwoMoreNodes>
{
    private Task<long> Alerts(Guid id) =>
        app.Scalar<long>("SELECT count(*) FROM breach_alerts WHERE commitment_id = @id AND kind = 'RemediationOverdue'", new { id });

    private async Task<int> Escalations(Guid id) => (await app.LedgerEvents(id)).Count(e => e == "RemediationEscalated");

    private Task<long> Reminders(Guid id) =>
        app.Scalar<long>("SELECT count(*) FROM orleans_reminders WHERE reminder_name = @name", new { name = "remediation-deadline:" + id.ToString("N") });

    /// <summary>Every node's view of the list, each asked several times at once, and the fixture's sweep of all deadlines.</summary>
    private Task TickEverywhere(Guid id) => Task.WhenAll(
        new[] { app.A, app.B, app.A, app.B, app.A, app.B }.Select(n => n.Grains.GetGrain<IRemediationListGrain>(RemediationListKeys.Only).CheckDeadline(id))
            .Append(app.CheckDeadlinesAsync()));

    [Fact]
    public async Task A_missed_deadline_escalates_exactly_once_across_two_silos_and_a_new_deadline_missed_later_escalates_once_more()
    {
        var officer = await app.As("officer");
        var integrity = await app.As("integrity");
        var id = await RemediationListGrainTests.ImportedItem(app, officer);
        var item = (await app.Send(new GetRemediationItem(id), integrity)).Item;
        var first = app.Clock.Today().AddDays(5);
        var planned = await app.Send(new PlanRemediation(id, "补助资金未拨付", "预算安排拨付", officer.UnitId!.Value, first, item.Version), officer);
        (await Reminders(id)).ShouldBe(1);

        // Not due yet: ticks from everywhere change nothing, and the reminder stays.
        await TickEverywhere(id);
        (await Alerts(id)).ShouldBe(0);
        (await Reminders(id)).ShouldBe(1);

        app.Clock.Advance(TimeSpan.FromDays(6));
        await TickEverywhere(id);
        await TickEverywhere(id);
        (await Alerts(id)).ShouldBe(1);
        (await Escalations(id)).ShouldBe(1);
        (await app.Scalar<DateTime>("SELECT due_date FROM breach_alerts WHERE commitment_id = @id", new { id })).ShouldBe(first.ToDateTime(TimeOnly.MinValue));
        (await Reminders(id)).ShouldBe(0); // escalated: nothing more to watch for this deadline

        // The guarantee is the alert's unique key, not the grain: two writers racing on two nodes (as two
        // activations would after a wrongly declared death) still raise one alert and one entry.
        await Task.WhenAll(EscalateOutsideTheGrain(app.A.Services, id, first), EscalateOutsideTheGrain(app.B.Services, id, first));
        (await Alerts(id)).ShouldBe(1);
        (await Escalations(id)).ShouldBe(1);

        // A new deadline after the escalation is watched anew, and escalates once more when missed.
        var second = app.Clock.Today().AddDays(10);
        var replanned = await app.Send(new PlanRemediation(id, "补助资金未拨付", "改为一次性拨付", officer.UnitId!.Value, second, planned.Version), officer);
        replanned.Deadline.ShouldBe(second);
        (await Reminders(id)).ShouldBe(1);
        await TickEverywhere(id);
        (await Alerts(id)).ShouldBe(1);

        app.Clock.Advance(TimeSpan.FromDays(11));
        await TickEverywhere(id);
        await TickEverywhere(id);
        (await Alerts(id)).ShouldBe(2);
        (await Escalations(id)).ShouldBe(2);
        (await Reminders(id)).ShouldBe(0);
        (await app.LedgerEvents(id)).ShouldBe(["Imported", "RemediationListed", "RemediationPlanned", "RemediationEscalated", "RemediationPlanned",
            "RemediationEscalated"]);
    }

    private static async Task EscalateOutsideTheGrain(IServiceProvider node, Guid id, DateOnly deadline)
    {
        await using var cn = await node.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var tx = await cn.BeginTransactionAsync();
        await RemediationBook.EscalateAsync(cn, tx, node.GetRequiredService<LedgerWriter>(), id, deadline, DateTimeOffset.UtcNow, default);
        await tx.CommitAsync();
    }
}
