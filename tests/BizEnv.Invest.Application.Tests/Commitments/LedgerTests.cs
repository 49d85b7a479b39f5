using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.RecordCommitment;
using BizEnv.Invest.Application.Commitments.ReviewCommitment;
using BizEnv.Invest.Application.Commitments.VerifyLedger;
using BizEnv.Invest.Application.Localization;
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

public sealed class LedgerTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<RecordCommitment> LandPromise(decimal mu, Guid zone, Guid project) =>
        await Task.FromResult(new RecordCommitment(project, CommitmentKind.Land, "提供工业用地", null, zone, Resource.Land, Area.MuToSquareMetres(mu),
            new DateOnly(2026, 11, 1), new DateOnly(2027, 6, 30), "海川市招商引资优惠政策", "海政发〔2024〕12号", "HT-2026-001"));

    private Task AllowLand() => app.AllowWithoutLimit(CommitmentKind.Land, "HCZS1");

    [Fact]
    public async Task A_promise_beyond_the_zones_capacity_is_refused_and_nothing_is_recorded_or_reserved()
    {
        await AllowLand();
        var officer = await app.As("officer");
        var zone = await app.NewZone(landMu: 100);
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var before = await app.Scalar<long>("SELECT count(*) FROM ledger_history");

        (await Should.ThrowAsync<DomainException>(async () => await app.Send(await LandPromise(150, zone, project.Id), officer))).Code.ShouldBe("capacity.insufficient");
        (await app.Scalar<long>("SELECT count(*) FROM commitments WHERE project_id = @Id", new { project.Id })).ShouldBe(0);
        (await app.Scalar<long>("SELECT count(*) FROM ledger_history")).ShouldBe(before);
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
        pending.PendingReasonText!.ShouldContain("补贴奖励");

        var approved = await app.Send(new ReviewCommitment(pending.Id, true, "符合政策", pending.Version), await app.As("leader"));
        approved.Status.ShouldBe(CommitmentStatus.Open);
        (await app.Query<string>("SELECT event FROM ledger_history WHERE commitment_id = @Id ORDER BY seq NULLS LAST, queued_id", new { pending.Id })).ShouldBe(["Recorded", "Approved"]);
    }

    [Fact]
    public async Task The_app_role_cannot_rewrite_the_ledger_and_one_flipped_byte_is_named_by_the_verifier()
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        for (var i = 0; i < 3; i++)
            await app.Send(new RecordCommitment(project.Id, CommitmentKind.ApprovalSpeed, $"审批 {i} 个工作日内办结", null, null, null, null,
                new DateOnly(2026, 11, 1), new DateOnly(2027, 1, 31), null, null, null), officer);
        await app.SealLedgerAsync();
        var verifier = app.Services.GetRequiredService<LedgerVerifier>();
        (await verifier.VerifyAsync()).Intact.ShouldBeTrue();

        await using (var cn = new NpgsqlConnection(app.Database.AppConnectionString))
        {
            (await Should.ThrowAsync<PostgresException>(() => cn.ExecuteAsync("UPDATE commitment_ledger SET reason = 'x'"))).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
            (await Should.ThrowAsync<PostgresException>(() => cn.ExecuteAsync("DELETE FROM commitment_ledger"))).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
            // A queued entry leaves whole, moved by the sequencer, or stays as its writer wrote it.
            (await Should.ThrowAsync<PostgresException>(() => cn.ExecuteAsync("UPDATE ledger_queue SET reason = 'x'"))).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
            (await Should.ThrowAsync<PostgresException>(() => cn.ExecuteAsync("TRUNCATE ledger_queue"))).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
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

        // The integrity office's page: the ledger's whole size, what went wrong and which promise, project and event, in words.
        var size = await app.Scalar<long>("SELECT count(*) FROM commitment_ledger");
        var check = await app.Send(new VerifyLedger(), await app.As("integrity"));
        check.ShouldSatisfyAllConditions(
            c => c.Intact.ShouldBeFalse(), c => c.Entries.ShouldBe(size), c => c.FirstBrokenSeq.ShouldBe(victim),
            c => c.ProblemText.ShouldBe(Text.In(Text.Chinese, "ledger.problem.content")),
            c => c.Broken.ShouldBe(new BrokenEntry(check.Broken!.CommitmentId, project.Number, project.Name, "审批 1 个工作日内办结", "登记")));

        // An entry removed from the middle: a gap, named with both numbers.
        await using (var su = new NpgsqlConnection(app.Database.SuperuserConnectionString))
            await su.ExecuteAsync("""
                ALTER TABLE commitment_ledger DISABLE TRIGGER commitment_ledger_append_only;
                DELETE FROM commitment_ledger WHERE seq = @gone;
                ALTER TABLE commitment_ledger ENABLE TRIGGER commitment_ledger_append_only;
                """, new { gone = victim - 1 });
        var gap = await app.Send(new VerifyLedger(), await app.As("integrity"));
        (gap.FirstBrokenSeq, gap.Entries, gap.ProblemText).ShouldBe((victim, size - 1, Text.Get("ledger.problem.gap_at", victim - 1, victim)));
    }
}
