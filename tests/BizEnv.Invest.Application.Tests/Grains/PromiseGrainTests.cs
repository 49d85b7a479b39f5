using BizEnv.Invest.Application.Tests.Commitments;
using BizEnv.Invest.Application.Commitments.Promises;
using BizEnv.Invest.Application.Commitments.RecordCommitment;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Application.Tests.Zones;
using BizEnv.Invest.Application.Zones.GetZone;
using BizEnv.Invest.Application.Zones.Grain;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Zones;
using BizEnv.Invest.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;

namespace BizEnv.Invest.Application.Tests.Grains;

/// <summary>
/// The promise and zone grains on a real silo and a real database: one transaction per command,
/// single-writer capacity under contention, the hold saga across a crash, and the reminder that
/// lapses a promise at its due end.
/// </summary>
public sealed class PromiseGrainTests(AppFixture app) : IClassFixture<AppFixture>
{
    // Amounts as the zone keeps them (m², to the hundredth): 50 亩 promised is the 50 亩 the zone has.
    private static RecordCommitment Land(Guid project, Guid zone, decimal mu, string clause = "提供工业用地") =>
        new(project, CommitmentKind.Land, clause, null, zone, Resource.Land, Math.Round(Area.MuToSquareMetres(mu), 2), new DateOnly(2026, 11, 1), new DateOnly(2027, 6, 30),
            "海川市招商引资优惠政策", "海政发〔2024〕12号", "HT-2026-001");

    private Task AllowLand() => app.AllowWithoutLimit(CommitmentKind.Land);

    private async Task<decimal> Reserved(Guid zone) =>
        (await app.Send(new GetZone(zone), await app.As("officer"))).Zone.Capacity.Single(c => c.Resource == Resource.Land).Reserved;

    [Fact]
    public async Task Twenty_officers_promising_the_last_50_mu_on_twenty_projects_at_once_get_exactly_one_promise_and_nineteen_capacity_refusals()
    {
        await AllowLand();
        var zone = await app.NewZone(landMu: 50);
        var officers = new[] { await app.As("officer"), await app.As("officer2") };
        var projects = new List<(Guid Project, Abstractions.Actor By)>();
        for (var i = 0; i < 20; i++)
        {
            var by = officers[i % 2];
            projects.Add(((await app.NewProject(by, (await app.NewInvestor(by)).Id)).Id, by));
        }

        var outcomes = await Task.WhenAll(projects.Select(async p =>
        {
            try
            {
                await app.Send(Land(p.Project, zone, 50), p.By);
                return "recorded";
            }
            catch (DomainException e)
            {
                return e.Code;
            }
        }));

        outcomes.Count(o => o == "recorded").ShouldBe(1);
        outcomes.Count(o => o == "capacity.insufficient").ShouldBe(19);
        (await app.Scalar<long>("SELECT count(*) FROM commitments WHERE zone_id = @zone", new { zone })).ShouldBe(1);
        (await app.Scalar<long>("SELECT count(*) FROM reservations WHERE zone_id = @zone AND status = 'Reserved'", new { zone })).ShouldBe(1);
        (await app.Scalar<long>("SELECT count(*) FROM reservations WHERE zone_id = @zone AND status <> 'Released' AND status <> 'Reserved'", new { zone })).ShouldBe(0);
        (await Reserved(zone)).ShouldBe(Math.Round(Area.MuToSquareMetres(50), 2));
    }

    [Fact]
    public async Task A_failure_in_any_part_of_recording_leaves_no_row_no_ledger_entry_no_audit_row_and_gives_the_hold_back()
    {
        await AllowLand();
        var officer = await app.As("officer");
        var zone = await app.NewZone(landMu: 100);
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        foreach (var table in new[] { "commitments", "ledger_queue", "audit_log" })
        {
            var marker = $"故障注入 {table}";
            // The failure strikes inside the grain's transaction, at the named table's insert.
            var failWhen = table switch
            {
                "commitments" => "NEW.clause LIKE '%故障注入%'",
                "ledger_queue" => "NEW.state LIKE '%故障注入%'",
                _ => "NEW.action = 'RecordCommitment' AND NEW.outcome = 'success'",
            };
            await using (var owner = new NpgsqlConnection(app.Database.OwnerConnectionString))
                await owner.ExecuteAsync($"""
                    CREATE OR REPLACE FUNCTION test_fail_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN IF {failWhen} THEN RAISE EXCEPTION 'injected failure in {table}'; END IF; RETURN NEW; END $$;
                    CREATE TRIGGER test_fail BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION test_fail_{table}();
                    """);
            var ledgerBefore = await app.Scalar<long>("SELECT count(*) FROM ledger_history");
            var remindersBefore = await app.Scalar<long>("SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE 'promise/%'");
            var auditBefore = await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE action = 'RecordCommitment' AND outcome = 'success'");
            try
            {
                await Should.ThrowAsync<Exception>(() => app.Send(Land(project.Id, zone, 60, marker), officer));
            }
            finally
            {
                await using var owner = new NpgsqlConnection(app.Database.OwnerConnectionString);
                await owner.ExecuteAsync($"DROP TRIGGER test_fail ON {table}; DROP FUNCTION test_fail_{table}();");
            }
            (await app.Scalar<long>("SELECT count(*) FROM commitments WHERE clause = @marker", new { marker })).ShouldBe(0, table);
            (await app.Scalar<long>("SELECT count(*) FROM ledger_history")).ShouldBe(ledgerBefore, table);
            (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE action = 'RecordCommitment' AND outcome = 'success'")).ShouldBe(auditBefore, table);
            (await Reserved(zone)).ShouldBe(0, $"{table}: the hold was given back");
            // The new promise's reminder, set before its commit, went with it.
            (await app.Scalar<long>("SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE 'promise/%'")).ShouldBe(remindersBefore, $"{table}: the reminder was dropped");
        }
        // And whole, all three together.
        var recorded = await app.Send(Land(project.Id, zone, 60), officer);
        (await app.Scalar<long>("SELECT count(*) FROM ledger_history WHERE commitment_id = @Id AND event = 'Recorded'", recorded)).ShouldBe(1);
        (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE action = 'RecordCommitment' AND outcome = 'success' AND object_id = @id",
            new { id = recorded.Id.ToString() })).ShouldBe(1);
        (await Reserved(zone)).ShouldBe(Math.Round(Area.MuToSquareMetres(60), 2));
    }

    [Fact]
    public async Task A_hold_whose_promise_never_committed_is_released_and_one_whose_confirmation_was_lost_is_kept()
    {
        await AllowLand();
        var officer = await app.As("officer");
        var zone = await app.NewZone(landMu: 100);
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var zoneGrain = app.Grains.GetGrain<IZoneGrain>(zone);

        // Crash between hold and commit: the hold is placed, the promise never recorded.
        var orphan = Guid.NewGuid();
        (await zoneGrain.Hold(new CapacityHold(orphan, project.Id, Resource.Land, Area.MuToSquareMetres(70), new DateOnly(2027, 6, 30), officer.UserId!.Value)))
            .Refusal.ShouldBeNull();
        (await Reserved(zone)).ShouldBe(Math.Round(Area.MuToSquareMetres(70), 2));
        // The same hold again (a retry) is the same hold, not a second one.
        (await zoneGrain.Hold(new CapacityHold(orphan, project.Id, Resource.Land, Area.MuToSquareMetres(70), new DateOnly(2027, 6, 30), officer.UserId!.Value)))
            .Refusal.ShouldBeNull();
        (await Reserved(zone)).ShouldBe(Math.Round(Area.MuToSquareMetres(70), 2));
        // Meanwhile the rest of the zone is still there to promise.
        (await Should.ThrowAsync<DomainException>(() => app.Send(Land(project.Id, zone, 40), officer))).Code.ShouldBe("capacity.insufficient");

        // Crash between commit and confirm: a recorded promise whose hold was never confirmed.
        var kept = await app.Send(Land(project.Id, zone, 30), officer);
        await app.Scalar<int>("WITH x AS (UPDATE reservations SET status = 'Held', hold_expires_at = @at WHERE commitment_id = @Id) SELECT 1",
            new { kept.Id, at = app.Clock.GetUtcNow().AddMinutes(1) });

        await zoneGrain.SettleExpiredHolds(); // not yet timed out: nothing happens
        (await app.Scalar<long>("SELECT count(*) FROM reservations WHERE zone_id = @zone AND status = 'Held'", new { zone })).ShouldBe(2);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await zoneGrain.SettleExpiredHolds();

        (await app.Query<string>("SELECT status FROM reservations WHERE commitment_id = @orphan", new { orphan })).ShouldBe(["Released"]);
        (await app.Query<string>("SELECT status FROM reservations WHERE commitment_id = @Id", kept)).ShouldBe(["Reserved"]);
        (await Reserved(zone)).ShouldBe(Math.Round(Area.MuToSquareMetres(30), 2));
    }

    [Fact]
    public async Task The_reminder_lapses_a_promise_whose_due_date_has_ended_and_raises_exactly_one_alert()
    {
        var officer = await app.As("officer");
        await app.AllowWithoutLimit(CommitmentKind.ApprovalSpeed);
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var today = app.Clock.Today();
        // Due yesterday (recorded late): its lapse instant has passed, so its reminder is due at once.
        var late = await app.Send(new RecordCommitment(project.Id, CommitmentKind.ApprovalSpeed, "施工许可 5 个工作日内办结", null, null, null, null,
            today.AddDays(-30), today.AddDays(-1), "海川市优化营商环境条例", "海政发〔2024〕1号", null), officer);
        // Due in ten days: its reminder waits for the first warning, or for the lapse at the end of the due date.
        var later = await app.Send(new RecordCommitment(project.Id, CommitmentKind.ApprovalSpeed, "竣工验收 10 日内办结", null, null, null, null,
            today, today.AddDays(10), "海川市优化营商环境条例", "海政发〔2024〕1号", null), officer);

        await Poll.Until(async () => await app.Scalar<string>("SELECT status FROM commitments WHERE id = @Id", late) == "Lapsed", TimeSpan.FromSeconds(20));
        await Task.Delay(1500); // a repeated tick would have raised its second alert by now
        (await app.Scalar<long>("SELECT count(*) FROM breach_alerts WHERE commitment_id = @Id", late)).ShouldBe(1);
        (await app.Scalar<long>("SELECT count(*) FROM ledger_history WHERE commitment_id = @Id AND event = 'Lapsed'", late)).ShouldBe(1);
        // Nothing left to watch: its reminder is gone. The other's is set, for its next deadline.
        (await app.Scalar<long>("SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE '%' || @id || '%'", new { id = late.Id.ToString("N") })).ShouldBe(0);
        (await app.Scalar<long>("SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE '%' || @id || '%'", new { id = later.Id.ToString("N") })).ShouldBe(1);
        (await app.Scalar<string>("SELECT status FROM commitments WHERE id = @Id", later)).ShouldBe("Open");
    }

    [Fact]
    public async Task Recording_under_an_id_already_taken_is_refused_and_leaves_that_promise_and_its_capacity_as_they_were()
    {
        await AllowLand();
        var officer = await app.As("officer");
        var zone = await app.NewZone(landMu: 100);
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var land = await app.Send(Land(project.Id, zone, 60), officer);
        var other = await app.Send(new RecordCommitment(project.Id, CommitmentKind.Other, "协调企业用工", null, null, null, null,
            new DateOnly(2026, 11, 1), new DateOnly(2027, 6, 30), null, null, null), officer);
        // Their grains let go, as idle collection does: the next call meets activations that have not read their promises.
        await app.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // A promise of capacity reads before the zone is asked (the zone holds by promise id, and would give back the
        // taken promise's land on the refusal); any other is refused by the insert.
        foreach (var (taken, zoneId) in new[] { (land.Id, (Guid?)zone), (other.Id, null) })
        {
            // Within authority and with a policy basis: a binding promise, which holds its land.
            var command = new RecordPromise(new PromiseParties(project.Id, land.InvestorId, land.UnitId, null, "测试"),
                [new Limit(CommitmentKind.Land, null), new Limit(CommitmentKind.Other, null)], zoneId is null ? CommitmentKind.Other : CommitmentKind.Land,
                "同一编号的另一项承诺", null, zoneId, zoneId is null ? null : Resource.Land, zoneId is null ? null : Math.Round(Area.MuToSquareMetres(30), 2),
                new DateOnly(2026, 11, 1), new DateOnly(2027, 6, 30), "海川市招商引资优惠政策", "海政发〔2024〕12号", null);
            var reply = await app.Grains.GetGrain<IPromiseGrain>(taken).Record(command, CommandContext.System("RecordCommitment", "commitment", taken));
            reply.Refusal.ShouldNotBeNull().Code.ShouldBe("commitment.already_recorded");
        }
        (await app.Query<string>("SELECT clause FROM commitments WHERE project_id = @Id ORDER BY clause", project)).ShouldBe(["协调企业用工", "提供工业用地"]);
        (await app.Scalar<long>("SELECT count(*) FROM ledger_history WHERE commitment_id = ANY(@ids)", new { ids = new[] { land.Id, other.Id } })).ShouldBe(2);
        (await Reserved(zone)).ShouldBe(Math.Round(Area.MuToSquareMetres(60), 2));
    }

    [Fact]
    public async Task A_reminder_a_queued_check_did_not_set_is_left_to_its_tick_which_drops_it_when_nothing_is_left_to_watch()
    {
        var officer = await app.As("officer");
        await app.AllowWithoutLimit(CommitmentKind.ApprovalSpeed);
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var promise = await app.Send(new RecordCommitment(project.Id, CommitmentKind.ApprovalSpeed, "后台撤销的承诺", null, null, null, null,
            new DateOnly(2026, 11, 1), new DateOnly(2027, 6, 30), "海川市招商引资优惠政策", "海政发〔2024〕12号", null), officer); // binding: its deadlines watched
        promise.Status.ShouldBe(CommitmentStatus.Open);
        const string Reminders = "SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE '%' || replace(@Id::text, '-', '') || '%'";
        (await app.Scalar<long>(Reminders, promise)).ShouldBe(1);
        // Cancelled behind its grain (as a data correction would be), and the grain let go, as idle collection does.
        await app.Scalar<int>("WITH x AS (UPDATE commitments SET status = 'Cancelled' WHERE id = @Id) SELECT 1", promise);
        await app.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var grain = app.Grains.GetGrain<IPromiseGrain>(promise.Id);

        // A check from the re-arming queue meets an activation that did not set the reminder: it does not read for one.
        await grain.CheckDeadlines();
        (await app.Scalar<long>(Reminders, promise)).ShouldBe(1);

        // The reminder's tick: that activation knows of it now, and drops it, nothing being left to watch.
        await grain.AsReference<Orleans.IRemindable>().ReceiveReminder("deadline", new Orleans.Runtime.TickStatus(DateTime.UtcNow, TimeSpan.FromMinutes(1), DateTime.UtcNow));
        (await app.Scalar<long>(Reminders, promise)).ShouldBe(0);
    }

    [Fact]
    public async Task Grains_reading_at_the_same_moment_are_read_together_and_each_gets_its_own_promise()
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        RecordCommitment Other(string clause, DateOnly due) =>
            new(project.Id, CommitmentKind.Other, clause, null, null, null, null, new DateOnly(2026, 11, 1), due, null, null, null);
        var a = await app.Send(Other("甲项承诺", new DateOnly(2027, 6, 30)), officer);
        var b = await app.Send(Other("乙项承诺", new DateOnly(2027, 9, 30)), officer);
        // Warnings acted on: a's at its due date (and one for a due date it no longer has, which does not count), b's at its own.
        await app.Scalar<int>("""
            WITH x AS (INSERT INTO commitment_warnings (commitment_id, due_date, days_before, sent_at)
                       VALUES (@a, date '2027-06-30', 30, now()), (@a, date '2027-06-30', 7, now()), (@a, date '2027-03-31', 1, now()),
                              (@b, date '2027-09-30', 1, now()))
            SELECT 1
            """, new { a = a.Id, b = b.Id });
        var loads = app.Services.GetRequiredService<PromiseLoads>();

        var read = await Task.WhenAll(new[] { a.Id, b.Id, Guid.NewGuid(), a.Id }.Select(loads.ReadAsync));

        read[0].ShouldNotBeNull().Promise.Terms.Clause.ShouldBe("甲项承诺");
        read[0]!.WarningsDone.Order().ShouldBe([7, 30]);
        read[1].ShouldNotBeNull().Promise.Terms.Clause.ShouldBe("乙项承诺");
        read[1]!.WarningsDone.ShouldBe([1]);
        read[1]!.Parties.ProjectId.ShouldBe(project.Id);
        read[2].ShouldBeNull();
        read[3].ShouldNotBeNull().Promise.Id.ShouldBe(a.Id);
    }

    [Fact]
    public async Task A_row_that_cannot_be_read_back_fails_its_own_grain_only_not_the_others_read_with_it()
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        RecordCommitment Other(string clause) =>
            new(project.Id, CommitmentKind.Other, clause, null, null, null, null, new DateOnly(2026, 11, 1), new DateOnly(2027, 6, 30), null, null, null);
        var fine = await app.Send(Other("可读的承诺"), officer);
        var odd = await app.Send(Other("新版本写下的承诺"), officer);
        // As a newer node might write during a rolling upgrade: a kind this build does not know.
        await app.Scalar<int>("WITH x AS (UPDATE commitments SET kind = 'KindOfTomorrow' WHERE id = @Id) SELECT 1", odd);
        var unreadable = new Dictionary<Guid, Exception>();
        await using (var cn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        {
            var found = await PromiseRows.LoadManyAsync(cn, [fine.Id, odd.Id], CancellationToken.None, unreadable);
            found.Keys.ShouldBe([fine.Id]);
        }
        unreadable.Keys.ShouldBe([odd.Id]);
        unreadable[odd.Id].ShouldBeAssignableTo<ArgumentException>();

        // And through the gathered reads, however they are batched.
        var loads = app.Services.GetRequiredService<PromiseLoads>();
        var reads = new[] { fine.Id, odd.Id }.Select(loads.ReadAsync).ToArray();
        (await reads[0]).ShouldNotBeNull().Promise.Terms.Clause.ShouldBe("可读的承诺");
        await Should.ThrowAsync<ArgumentException>(() => reads[1]);
    }

    [Fact]
    public async Task A_queued_promise_whose_grain_fails_stays_queued_on_its_own_and_waits_longer_each_try_while_the_rest_are_served()
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        RecordCommitment Other(string clause) =>
            new(project.Id, CommitmentKind.Other, clause, null, null, null, null, new DateOnly(2026, 11, 1), new DateOnly(2027, 6, 30), null, null, null);
        var fine = await Task.WhenAll(Enumerable.Range(1, 5).Select(i => app.Send(Other($"日历变更后重排 {i}"), officer)));
        var odd = await app.Send(Other("新版本写下的承诺（重排）"), officer);
        await app.Scalar<int>("WITH x AS (UPDATE commitments SET kind = 'KindOfTomorrow' WHERE id = @Id) SELECT 1", odd);

        // Queued together, as a calendar edit queues them: the one that cannot be read is older, read first in the batch.
        await app.Scalar<int>("""
            WITH x AS (INSERT INTO deadline_rearm (commitment_id, queued_at)
                       SELECT id, now() + make_interval(secs => CASE WHEN id = @odd THEN 0 ELSE 1 END) FROM unnest(@ids) AS id)
            SELECT 1
            """, new { odd = odd.Id, ids = fine.Select(f => f.Id).Append(odd.Id).ToArray() });

        var started = System.Diagnostics.Stopwatch.StartNew();
        while (await app.Scalar<long>("SELECT count(*) FROM deadline_rearm WHERE commitment_id = ANY(@ids)", new { ids = fine.Select(f => f.Id).ToArray() }) > 0)
        {
            started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "the promises queued with a failing one were never served");
            await Task.Delay(100);
        }
        var (attempts, wait) = (await app.Query<(int, double)>(
            "SELECT attempts, extract(epoch FROM not_before - now())::float8 FROM deadline_rearm WHERE commitment_id = @Id", odd)).Single();
        attempts.ShouldBeGreaterThanOrEqualTo(1);
        wait.ShouldBeGreaterThan(0);
        wait.ShouldBeLessThanOrEqualTo(Math.Pow(2, attempts));

        // Tried again once its wait is over, and it waits twice as long after that.
        while (await app.Scalar<int>("SELECT attempts FROM deadline_rearm WHERE commitment_id = @Id", odd) == attempts)
        {
            started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "the failing promise was never tried again");
            await Task.Delay(100);
        }
        var again = await app.Scalar<double>("SELECT extract(epoch FROM not_before - now())::float8 FROM deadline_rearm WHERE commitment_id = @Id", odd);
        again.ShouldBeGreaterThan(Math.Pow(2, attempts));
        await app.Scalar<int>("WITH x AS (DELETE FROM deadline_rearm WHERE commitment_id = @Id) SELECT 1", odd);
    }

    [Fact]
    public async Task A_gathered_read_that_fails_fails_every_grain_waiting_on_it()
    {
        // Nothing listens on port 1: the read fails as it does when the database is down.
        await using var unreachable = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=x;Timeout=2");
        await using var loads = new PromiseLoads(unreachable);
        var reads = new[] { Guid.NewGuid(), Guid.NewGuid() }.Select(loads.ReadAsync).ToArray();
        foreach (var read in reads)
            (await Should.ThrowAsync<Exception>(() => read)).ShouldSatisfyAllConditions(e => Errors.DatabaseFault.IsUnreachable(e).ShouldBeTrue());
    }

    [Fact]
    public async Task A_repeat_of_a_recording_with_its_idempotency_key_reaches_the_same_promise_and_replays_it()
    {
        await AllowLand();
        var officer = await app.As("officer");
        var zone = await app.NewZone(landMu: 100);
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var dispatcher = (Abstractions.RequestDispatcher)app.Services.GetService(typeof(Abstractions.RequestDispatcher))!;
        var key = Guid.NewGuid().ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => dispatcher.Send(Land(project.Id, zone, 60), officer, key)));
        answers.Select(a => a.Id).Distinct().ShouldHaveSingleItem();
        (await app.Scalar<long>("SELECT count(*) FROM commitments WHERE project_id = @Id", project)).ShouldBe(1);
        (await Reserved(zone)).ShouldBe(Math.Round(Area.MuToSquareMetres(60), 2));
        (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE action = 'RecordCommitment' AND object_id = @id AND outcome = 'replayed'",
            new { id = answers[0].Id.ToString() })).ShouldBe(3);
    }
}
