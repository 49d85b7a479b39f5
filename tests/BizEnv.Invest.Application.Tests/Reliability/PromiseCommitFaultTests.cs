using BizEnv.Invest.Application.Tests.Commitments;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.RecordCommitment;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Application.Tests.Zones;
using BizEnv.Invest.Application.Zones.Grain;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Zones;
using BizEnv.Invest.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Application.Tests.Reliability;

/// <summary>
/// A land promise whose commit's answer never came: the promise may be stored or not, so its grain keeps the zone's hold
/// and its own reminder, and the zone settles the hold when it times out by asking the promise — confirmed if it was
/// stored, given back if not. Nothing is given away twice, nothing held for ever.
/// </summary>
public sealed class PromiseCommitFaultTests(RelayedAppFixture app) : IClassFixture<RelayedAppFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static RecordCommitment Land(Guid project, Guid zone, string clause) =>
        new(project, CommitmentKind.Land, clause, null, zone, Resource.Land, Math.Round(Area.MuToSquareMetres(20), 2), new DateOnly(2026, 11, 1),
            new DateOnly(2027, 6, 30), "海川市招商引资优惠政策", "海政发〔2024〕12号", "HT-2026-001");

    private async Task<(Actor Officer, Guid Project, Guid Zone)> SetUp()
    {
        await app.AllowWithoutLimit(CommitmentKind.Land);
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        return (officer, project.Id, await app.NewZone(landMu: 50));
    }

    private Task<T> SendKeyed<T>(MediatR.IRequest<T> request, Actor actor, string key) =>
        app.Services.GetRequiredService<RequestDispatcher>().Send(request, actor, key);

    private Task<IReadOnlyList<string>> Holds(Guid zone) =>
        app.Query<string>("SELECT status FROM reservations WHERE zone_id = @zone AND status <> 'Released'", new { zone });

    private Task<long> Promises(string clause) => app.Scalar<long>("SELECT count(*) FROM commitments WHERE clause = @clause", new { clause });

    /// <summary>The hold's timeout passes and the zone's reminder fires (called here rather than waited for).</summary>
    private async Task HoldTimesOut(Guid zone)
    {
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.Grains.GetGrain<IZoneGrain>(zone).SettleExpiredHolds();
    }

    // Only the promise's own transaction's COMMIT: the zone's hold commits on another connection just before it.
    private Task DropThePromisesCommit(bool deliverToServer) =>
        app.Relay.DropAtCommitAfter(sql => sql.Contains("INSERT INTO commitments", StringComparison.Ordinal), deliverToServer);

    [Fact]
    public async Task Stored_after_all_its_hold_stays_and_its_reminder_is_set_and_the_zone_confirms_the_hold_when_it_times_out()
    {
        var (officer, project, zone) = await SetUp();
        var key = Guid.NewGuid().ToString();
        var request = Land(project, zone, "提交失联后已保存的用地承诺");
        var dropped = DropThePromisesCommit(deliverToServer: true);

        await Should.ThrowAsync<OutcomeUnknownException>(() => SendKeyed(request, officer, key));
        await dropped.WaitAsync(Patience);

        await Poll.Until(async () => await Promises(request.Clause) == 1, Patience);
        var id = await app.Scalar<Guid>("SELECT id FROM commitments WHERE clause = @Clause", request);
        (await Holds(zone)).ShouldBe(["Held"]); // not confirmed, not given back: nobody knew
        (await app.Scalar<long>("SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE '%' || replace(@id::text, '-', '') || '%'", new { id }))
            .ShouldBe(1); // armed before the commit: its deadlines are watched although the grain never heard the commit

        await HoldTimesOut(zone);

        (await Holds(zone)).ShouldBe(["Reserved"]);
        (await SendKeyed(request, officer, key)).Id.ShouldBe(id); // the key's retry answers with the stored promise
        (await Promises(request.Clause)).ShouldBe(1);
        (await Holds(zone)).ShouldBe(["Reserved"]);
    }

    [Fact]
    public async Task Never_stored_its_hold_waits_for_the_timeout_and_is_given_back_and_the_retry_records_it_once()
    {
        var (officer, project, zone) = await SetUp();
        var key = Guid.NewGuid().ToString();
        var request = Land(project, zone, "提交前失联未保存的用地承诺");
        var dropped = DropThePromisesCommit(deliverToServer: false);

        await Should.ThrowAsync<OutcomeUnknownException>(() => SendKeyed(request, officer, key));
        await dropped.WaitAsync(Patience);

        await Poll.Until(async () => await app.Scalar<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'") == 0, Patience);
        (await Promises(request.Clause)).ShouldBe(0);
        (await Holds(zone)).ShouldBe(["Held"]); // the grain could not know the promise was not stored

        await HoldTimesOut(zone);

        (await Holds(zone)).ShouldBeEmpty(); // the promise holds nothing: given back
        var recorded = await SendKeyed(request, officer, key);
        (await Promises(request.Clause)).ShouldBe(1);
        (await app.Scalar<Guid>("SELECT id FROM commitments WHERE clause = @Clause", request)).ShouldBe(recorded.Id);
        (await Holds(zone)).ShouldBe(["Reserved"]);
    }
}
