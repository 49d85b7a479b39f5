using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.RecordCommitment;
using BizEnv.Invest.Application.Commitments.ReviewCommitment;
using BizEnv.Invest.Application.Commitments.Sweeper;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Application.Tests.Zones;
using BizEnv.Invest.Application.Zones.GetZone;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Zones;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BizEnv.Invest.Application.Tests.Commitments;

public sealed class LedgerAndSweeperTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<RecordCommitment> LandPromise(decimal mu, Guid zone, Guid project) =>
        await Task.FromResult(new RecordCommitment(project, CommitmentKind.Land, "提供工业用地", null, zone, Resource.Land, Area.MuToSquareMetres(mu),
            new DateOnly(2026, 11, 1), new DateOnly(2027, 6, 30), "海川市招商引资优惠政策", "海政发〔2024〕12号", "HT-2026-001"));

    private async Task AllowLand()
    {
        await using var cn = new NpgsqlConnection(app.Database.AppConnectionString);
        await cn.ExecuteAsync("""
            INSERT INTO authority_limits (id, unit_id, role, kind, max_value, updated_at)
            SELECT gen_random_uuid(), id, 'PromotionOfficer', 'Land', NULL, now() FROM units WHERE code = 'HCZS1' ON CONFLICT DO NOTHING
            """);
    }

    [Fact]
    public async Task A_promise_beyond_the_zones_capacity_is_refused_and_nothing_is_recorded_or_reserved()
    {
        await AllowLand();
        var officer = await app.As("officer");
        var zone = await app.NewZone(landMu: 100);
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var before = await app.Scalar<long>("SELECT count(*) FROM commitment_ledger");

        (await Should.ThrowAsync<DomainException>(async () => await app.Send(await LandPromise(150, zone, project.Id), officer))).Code.ShouldBe("capacity.insufficient");
        (await app.Scalar<long>("SELECT count(*) FROM commitments WHERE project_id = @Id", new { project.Id })).ShouldBe(0);
        (await app.Scalar<long>("SELECT count(*) FROM commitment_ledger")).ShouldBe(before);
        (await app.Send(new GetZone(zone), officer)).Zone.Capacity.Single(c => c.Resource == Resource.Land).Reserved.ShouldBe(0);

        var ok = await app.Send(await LandPromise(80, zone, project.Id), officer);
        ok.Status.ShouldBe(CommitmentStatus.Open);
        (await app.Send(new GetZone(zone), officer)).Zone.Capacity.Single(c => c.Resource == Resource.Land).Reserved.ShouldBe(Math.Round(Area.MuToSquareMetres(80), 2));
    }

    [Fact]
    public async Task A_promise_beyond_authority_waits_for_approval_with_the_reason_and_a_leader_approves_it()
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var pending = await app.Send(new RecordCommitment(project.Id, CommitmentKind.Subsidy, "设备补贴", 5_000_000m, null, null, null,
            new DateOnly(2026, 11, 1), new DateOnly(2027, 3, 31), "海川市促进先进制造业发展若干政策", "海政发〔2025〕3号", null), officer);
        pending.Status.ShouldBe(CommitmentStatus.PendingApproval);
        pending.PendingReason!.ShouldContain("补贴奖励");

        var approved = await app.Send(new ReviewCommitment(pending.Id, true, "符合政策", pending.Version), await app.As("leader"));
        approved.Status.ShouldBe(CommitmentStatus.Open);
        (await app.Query<string>("SELECT event FROM commitment_ledger WHERE commitment_id = @Id ORDER BY seq", new { pending.Id })).ShouldBe(["Recorded", "Approved"]);
    }

    [Fact]
    public async Task The_app_role_cannot_rewrite_the_ledger_and_one_flipped_byte_is_named_by_the_verifier()
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        for (var i = 0; i < 3; i++)
            await app.Send(new RecordCommitment(project.Id, CommitmentKind.ApprovalSpeed, $"审批 {i} 个工作日内办结", null, null, null, null,
                new DateOnly(2026, 11, 1), new DateOnly(2027, 1, 31), null, null, null), officer);
        var verifier = app.Services.GetRequiredService<LedgerVerifier>();
        (await verifier.VerifyAsync()).Intact.ShouldBeTrue();

        await using (var cn = new NpgsqlConnection(app.Database.AppConnectionString))
        {
            (await Should.ThrowAsync<PostgresException>(() => cn.ExecuteAsync("UPDATE commitment_ledger SET reason = 'x'"))).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
            (await Should.ThrowAsync<PostgresException>(() => cn.ExecuteAsync("DELETE FROM commitment_ledger"))).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }

        // A superuser with the trigger disabled changes one character of one entry's state.
        var victim = await app.Scalar<long>("SELECT max(seq) - 1 FROM commitment_ledger");
        await using (var su = new NpgsqlConnection(app.Database.SuperuserConnectionString))
        {
            await su.ExecuteAsync("""
                ALTER TABLE commitment_ledger DISABLE TRIGGER commitment_ledger_append_only;
                UPDATE commitment_ledger SET state = replace(state, '审批', '审查') WHERE seq = @victim;
                ALTER TABLE commitment_ledger ENABLE TRIGGER commitment_ledger_append_only;
                """, new { victim });
        }
        var result = await verifier.VerifyAsync();
        result.Intact.ShouldBeFalse();
        result.FirstBrokenSeq.ShouldBe(victim);
        result.Problem!.ShouldContain("content");
    }

    [Fact]
    public async Task Two_sweepers_lapse_a_thousand_due_promises_exactly_once_and_a_killed_one_loses_nothing()
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        // 1,000 promises already past due: 400 made before 2018 (remediation list), 600 after (breaches).
        await using (var cn = new NpgsqlConnection(app.Database.AppConnectionString))
        {
            await cn.ExecuteAsync("""
                INSERT INTO commitments (id, project_id, investor_id, unit_id, kind, clause, made_on, due_date, lapse_at, promiser_name, status, created_at, updated_at)
                SELECT gen_random_uuid(), p.id, p.investor_id, p.unit_id, 'Other', '批量测试承诺 ' || g,
                       CASE WHEN g <= 400 THEN date '2017-06-01' ELSE date '2024-06-01' END, date '2026-01-31', timestamptz '2026-01-30 16:00:00+00', '测试', 'Open', now(), now()
                FROM projects p, generate_series(1, 1000) g WHERE p.id = @Id
                """, new { project.Id });
        }
        var before = await app.Scalar<long>("SELECT count(*) FROM commitment_ledger");

        // A sweeper "killed" mid-batch: it has claimed 50 rows and its connection dies before commit.
        var victim = new NpgsqlConnection(app.Database.AppConnectionString + ";Pooling=false");
        await victim.OpenAsync();
        var claim = await victim.BeginTransactionAsync();
        await victim.ExecuteAsync("SELECT id FROM commitments WHERE status = 'Open' AND clause LIKE '批量测试%' ORDER BY lapse_at LIMIT 50 FOR UPDATE", transaction: claim);

        var sweepA = app.Services.GetRequiredService<DeadlineSweep>();
        var sweepB = ActivatorUtilities.CreateInstance<DeadlineSweep>(app.Services); // a second service instance, as on another node
        async Task<int> Drain(DeadlineSweep s) { var n = 0; int k; while ((k = await s.LapseBatchAsync(100, default)) > 0) n += k; return n; }
        var firstPass = await Task.WhenAll(Drain(sweepA), Drain(sweepB));
        firstPass.Sum().ShouldBe(950); // the 50 claimed rows were skipped, not waited for

        await using (var su = new NpgsqlConnection(app.Database.SuperuserConnectionString))
        {
            await su.ExecuteAsync("SELECT pg_terminate_backend(@pid)", new { pid = victim.ProcessID });
            // Termination is a signal: wait until the backend is gone and its row locks with it.
            for (var i = 0; i < 100 && await su.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE pid = @pid", new { pid = victim.ProcessID }) > 0; i++)
                await Task.Delay(50);
        }
        try
        {
            await victim.DisposeAsync(); // the dead connection may report its own termination
        }
        catch (NpgsqlException) { }
        var secondPass = await Task.WhenAll(Drain(sweepA), Drain(sweepB));
        secondPass.Sum().ShouldBe(50);

        (await app.Scalar<long>("SELECT count(*) FROM commitments WHERE clause LIKE '批量测试%' AND status = 'Lapsed'")).ShouldBe(1000);
        // One lapse entry each, and for the 400 pre-2018 promises one more: joined the remediation list.
        (await app.Scalar<long>("SELECT count(*) FROM commitment_ledger")).ShouldBe(before + 1400);
        (await app.Scalar<long>("SELECT count(*) FROM commitment_ledger WHERE event = 'RemediationListed'")).ShouldBe(400);
        (await app.Scalar<long>("SELECT count(*) FROM commitment_ledger WHERE event = 'Lapsed'")).ShouldBe(1000);
        (await app.Scalar<long>("SELECT count(*) FROM breach_alerts")).ShouldBe(600);
        (await app.Scalar<long>("SELECT count(DISTINCT commitment_id) FROM breach_alerts")).ShouldBe(600);
        (await app.Scalar<long>("SELECT count(*) FROM remediation_items")).ShouldBe(400);
        (await app.Scalar<long>("SELECT count(*) FROM outbox WHERE type = 'BreachAlertRaised'")).ShouldBe(600);
        (await app.Services.GetRequiredService<LedgerVerifier>().VerifyAsync()).Intact.ShouldBeTrue();
    }
}
