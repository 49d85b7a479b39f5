using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Promises;
using BizEnv.Invest.Application.Commitments.RecordCommitment;
using BizEnv.Invest.Application.Commitments.Remediation.GetRemediationSummary;
using BizEnv.Invest.Application.Commitments.Remediation.Grain;
using BizEnv.Invest.Application.Commitments.Remediation.ImportRemediation;
using BizEnv.Invest.Application.Commitments.Remediation.PlanRemediation;
using BizEnv.Invest.Application.Commitments.Remediation.ReportRemediationProgress;
using BizEnv.Invest.Application.Commitments.Remediation.SignOffRemediation;
using BizEnv.Invest.Application.Commitments.ReviewCommitment;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Application.Tests.Commitments;

/// <summary>
/// The remediation list's grain on a real silo and database: the one writer of the items — joins from
/// every source, each once, none lost when its writer dies after its commit — plan, progress and
/// sign-off in one transaction each, and the figures per unit.
/// </summary>
public sealed class RemediationListGrainTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateOnly Made2017 = new(2017, 6, 1);

    internal static async Task<byte[]> Sheet(AppFixture app, params IReadOnlyList<object?>[] rows)
    {
        await using var file = await app.Services.GetRequiredService<IXlsxExporter>()
            .ExportAsync("import.xlsx", new XlsxLayout("历史遗留", "历史遗留承诺", RemediationImportColumns.Headers), rows);
        return await file.ReadAllBytesAsync();
    }

    internal static IReadOnlyList<object?> Row(string project, string clause, string unit = "", string deadline = "") =>
        [project, "补贴奖励", clause, 1_000_000m, "2016-05-10", "2017-06-30", "张三", "海川市工业扶持办法", "海府〔2015〕12号", "", unit, deadline];

    /// <summary>Imports one historical promise of a new project of the officer's unit and returns its id.</summary>
    internal static async Task<Guid> ImportedItem(AppFixture app, Actor officer, string unit = "", string deadline = "")
    {
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var result = await app.Send(new ImportRemediation(await Sheet(app, Row(project.Number, "技改补助 100 万元", unit, deadline)), false), await app.As("integrity"));
        result.Imported.ShouldBe(1);
        return await app.Scalar<Guid>("SELECT id FROM commitments WHERE project_id = @Id", new { project.Id });
    }

    private Task<string> Source(Guid id) => app.Scalar<string>("SELECT source FROM remediation_items WHERE commitment_id = @id", new { id });

    private Task<long> Queued(Guid id) => app.Scalar<long>("SELECT count(*) FROM remediation_joins WHERE commitment_id = @id", new { id });

    [Fact]
    public async Task Promises_made_before_2018_join_the_list_once_whether_recorded_approved_lapsed_or_imported()
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);

        // Recorded and binding at once (within the officer's authority).
        await app.AllowWithoutLimit(CommitmentKind.ApprovalSpeed);
        var recorded = await app.Send(new RecordCommitment(project.Id, CommitmentKind.ApprovalSpeed, "审批 5 个工作日内办结", null, null, null, null,
            Made2017, new DateOnly(2027, 6, 30), "海川市工业扶持办法", "海府〔2015〕12号", null), officer);
        recorded.Status.ShouldBe(CommitmentStatus.Open);
        (await Source(recorded.Id)).ShouldBe("Recorded");
        (await app.LedgerEvents(recorded.Id)).ShouldBe(["Recorded", "RemediationListed"]);

        // Beyond the officer's authority: it joins when the leader approves it, not before.
        var pending = await app.Send(new RecordCommitment(project.Id, CommitmentKind.Subsidy, "设备补贴", 5_000_000m, null, null, null,
            Made2017, new DateOnly(2027, 3, 31), "海川市促进先进制造业发展若干政策", "海政发〔2016〕3号", null), officer);
        pending.Status.ShouldBe(CommitmentStatus.PendingApproval);
        (await app.Scalar<long>("SELECT count(*) FROM remediation_items WHERE commitment_id = @Id", new { pending.Id })).ShouldBe(0);
        var approved = await app.Send(new ReviewCommitment(pending.Id, true, "符合政策", pending.Version), await app.As("leader"));
        approved.Status.ShouldBe(CommitmentStatus.Open);
        (await Source(pending.Id)).ShouldBe("Recorded");
        (await app.LedgerEvents(pending.Id)).ShouldBe(["Recorded", "Approved", "RemediationListed"]);

        // Lapsed by its grain: on the list, no breach alert.
        var lapsed = await app.DuePromise(officer, new DateOnly(2016, 3, 1));
        await app.Grains.GetGrain<IPromiseGrain>(lapsed).CheckDeadlines();
        (await Source(lapsed)).ShouldBe("Lapsed");
        (await app.LedgerEvents(lapsed)).ShouldBe(["Lapsed", "RemediationListed"]);
        (await app.AlertOf(lapsed)).ShouldBe(Guid.Empty);

        // Imported with the sheet's responsible unit and deadline.
        var imported = await ImportedItem(app, officer, "HCZS2", "2027-03-31");
        (await Source(imported)).ShouldBe("Imported");
        (await app.Scalar<Guid>("SELECT responsible_unit FROM remediation_items WHERE commitment_id = @imported", new { imported })).ShouldBe(await app.UnitId("HCZS2"));
        (await app.Scalar<DateTime>("SELECT deadline FROM remediation_items WHERE commitment_id = @imported", new { imported })).ShouldBe(new DateTime(2027, 3, 31));
        (await app.LedgerEvents(imported)).ShouldBe(["Imported", "RemediationListed"]);
        // Its deadline is watched by the list's grain, by a reminder named for the item.
        (await app.Scalar<long>("SELECT count(*) FROM orleans_reminders WHERE reminder_name = @name", new { name = "remediation-deadline:" + imported.ToString("N") }))
            .ShouldBe(1);

        foreach (var id in new[] { recorded.Id, pending.Id, lapsed, imported })
            (await Queued(id)).ShouldBe(0);
    }

    [Fact]
    public async Task A_join_whose_writer_died_after_its_commit_is_taken_by_the_nodes_join_reader_and_a_repeated_join_writes_nothing()
    {
        var officer = await app.As("officer");
        var id = await app.DuePromise(officer, new DateOnly(2016, 3, 1));
        // A lapse committed with its join queued, and the silo gone before handing it over.
        await app.Scalar<int>("""
            WITH l AS (UPDATE commitments SET status = 'Lapsed', version = version + 1 WHERE id = @id RETURNING id),
                 j AS (INSERT INTO remediation_joins (commitment_id, source, actor, queued_at) SELECT id, 'Lapsed', 'system', now() FROM l RETURNING 1)
            SELECT count(*)::int FROM j
            """, new { id });

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await app.Scalar<long>("SELECT count(*) FROM remediation_items WHERE commitment_id = @id", new { id }) == 0)
        {
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "the join reader never handed the join over");
            await Task.Delay(200);
        }
        (await Source(id)).ShouldBe("Lapsed");
        (await Queued(id)).ShouldBe(0);

        // The same join again (a retry, a second writer): taken off the queue, and the item and its ledger stay as they were.
        await app.Scalar<int>("INSERT INTO remediation_joins (commitment_id, source, actor, queued_at) VALUES (@id, 'Recorded', 'x', now()) RETURNING 1", new { id });
        await app.Grains.GetGrain<IRemediationListGrain>(RemediationListKeys.Only).TakeJoins();
        (await Queued(id)).ShouldBe(0);
        (await Source(id)).ShouldBe("Lapsed");
        (await app.LedgerEvents(id)).Count(e => e == "RemediationListed").ShouldBe(1);
    }

    [Fact]
    public async Task Plan_progress_and_sign_off_each_commit_with_their_audit_row_and_the_figures_per_unit_follow_the_responsible_unit()
    {
        var officer = await app.As("officer");
        var integrity = await app.As("integrity");
        var other = await app.UnitId("HCZS2");
        var before = await app.Send(new GetRemediationSummary(), integrity);
        var id = await ImportedItem(app, officer);
        var item = await app.Send(new Application.Commitments.Remediation.GetRemediationItem.GetRemediationItem(id), integrity);

        var planned = await app.Send(new PlanRemediation(id, "补助资金未拨付", "分两期拨付", other, app.Clock.Today().AddDays(30), item.Item.Version), officer);
        planned.ResponsibleUnitId.ShouldBe(other);
        (await app.Scalar<long>("SELECT count(*) FROM orleans_reminders WHERE reminder_name = @name", new { name = "remediation-deadline:" + id.ToString("N") }))
            .ShouldBe(1);
        // A stale version is a conflict, and nothing of it is written.
        await Should.ThrowAsync<ConcurrencyConflictException>(() => app.Send(new ReportRemediationProgress(id, "旧版本", 10, item.Item.Version), officer));
        // A unit that does not exist is named as the field in error.
        (await Should.ThrowAsync<FluentValidation.ValidationException>(() => app.Send(new PlanRemediation(id, "调查", "方案", Guid.NewGuid(),
            app.Clock.Today(), planned.Version), officer))).Errors.Single().PropertyName.ShouldBe("ResponsibleUnitId");
        var progressed = await app.Send(new ReportRemediationProgress(id, "已列入预算", 60, planned.Version), officer);
        progressed.ProgressPercent.ShouldBe(60);
        progressed.Updates.Single().Note.ShouldBe("已列入预算");

        var middle = await app.Send(new GetRemediationSummary(), integrity);
        Items(middle, other).ShouldBe(Items(before, other) + 1);
        Items(middle, officer.UnitId!.Value).ShouldBe(Items(before, officer.UnitId!.Value)); // counted under the responsible unit now
        middle.Single(u => u.UnitId == other).Planned.ShouldBe((before.SingleOrDefault(u => u.UnitId == other)?.Planned ?? 0) + 1);

        var signed = await app.Send(new SignOffRemediation(id, "财政拨付凭证", progressed.Version), integrity);
        signed.SignedOff.ShouldBeTrue();
        (await app.Send(new GetRemediationSummary(), integrity)).Single(u => u.UnitId == other).SignedOff
            .ShouldBe((before.SingleOrDefault(u => u.UnitId == other)?.SignedOff ?? 0) + 1);
        // Signed off: its deadline is no longer watched.
        (await app.Scalar<long>("SELECT count(*) FROM orleans_reminders WHERE reminder_name = @name", new { name = "remediation-deadline:" + id.ToString("N") }))
            .ShouldBe(0);

        (await app.LedgerEvents(id)).ShouldBe(["Imported", "RemediationListed", "RemediationPlanned", "RemediationProgress", "RemediationSignedOff"]);
        (await app.Query<string>("SELECT action || ':' || outcome FROM audit_log WHERE object_type = 'remediation' AND object_id = @id ORDER BY id", new { id = id.ToString() }))
            .ShouldBe(["PlanRemediation:success", "ReportRemediationProgress:conflict", "PlanRemediation:invalid", "ReportRemediationProgress:success",
                "SignOffRemediation:success"]);
    }

    private static int Items(IReadOnlyList<RemediationUnitProgress> figures, Guid unit) => figures.SingleOrDefault(u => u.UnitId == unit)?.Items ?? 0;
}
