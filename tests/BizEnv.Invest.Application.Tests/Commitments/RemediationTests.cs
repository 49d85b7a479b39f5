using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Remediation.GetRemediationItem;
using BizEnv.Invest.Application.Commitments.Remediation.GetRemediationSummary;
using BizEnv.Invest.Application.Commitments.Remediation.ImportRemediation;
using BizEnv.Invest.Application.Commitments.Remediation.ListRemediation;
using BizEnv.Invest.Application.Commitments.Remediation.PlanRemediation;
using BizEnv.Invest.Application.Commitments.Remediation.ReportRemediationProgress;
using BizEnv.Invest.Application.Commitments.Remediation.SignOffRemediation;
using BizEnv.Invest.Application.Commitments.Remediation.Grain;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Domain.Common;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Application.Tests.Commitments;

public sealed class RemediationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<byte[]> Sheet(params IReadOnlyList<object?>[] rows)
    {
        await using var file = await app.Services.GetRequiredService<IXlsxExporter>()
            .ExportAsync("import.xlsx", new XlsxLayout("历史遗留", "历史遗留承诺", RemediationImportColumns.Headers), rows);
        return await file.ReadAllBytesAsync();
    }

    private static IReadOnlyList<object?> Row(string project, string clause, string made = "2016-05-10", string due = "2017-06-30", string kind = "补贴奖励",
        object? value = null, string unit = "", string deadline = "") =>
        [project, kind, clause, value ?? 1_000_000m, made, due, "张三", "海川市工业扶持办法", "海府〔2015〕12号", "", unit, deadline];

    [Fact]
    public async Task A_sheet_with_bad_rows_imports_nothing_names_each_row_and_a_fixed_sheet_puts_every_promise_on_the_list()
    {
        var officer = await app.As("officer");
        var integrity = await app.As("integrity");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);

        var bad = await Sheet(
            Row(project.Number, "厂房租金三年减半"),                          // 3: fine
            Row("HC-1999-0001", "土地出让金返还"),                            // 4: unknown project
            Row(project.Number, "人才公寓 20 套", made: "2018-01-01", due: "2019-06-30"), // 5: not pre-2018
            Row(project.Number, "贷款贴息", kind: "贴息"),                   // 6: unknown kind
            Row(project.Number, "配套道路", due: "2015-13-01"),             // 7: unreadable date
            Row(project.Number, "厂房租金三年减半"));                         // 8: repeats row 3
        var refused = await app.Send(new ImportRemediation(bad, false), integrity);
        refused.Imported.ShouldBe(0);
        refused.Errors.Select(e => (e.Row, e.Column)).ShouldBe([(4, "项目编号"), (5, "承诺日期"), (6, "承诺类型"), (7, "兑现期限"), (8, "承诺内容")], ignoreOrder: true);
        (await app.Scalar<long>("SELECT count(*) FROM commitments WHERE project_id = @Id", new { project.Id })).ShouldBe(0);

        var good = await Sheet(
            Row(project.Number, "厂房租金三年减半", unit: "HCZS1", deadline: "2027-03-31"),
            Row(project.Number, "配套道路 2018 年底建成", kind: "基础设施配套", due: "2030-12-31"));
        var imported = await app.Send(new ImportRemediation(good, false), integrity);
        imported.Errors.ShouldBeEmpty();
        imported.Imported.ShouldBe(2);
        var listed = (await app.Send(new ListRemediation(), integrity)).Where(r => r.ProjectNumber == project.Number).ToList();
        listed.Count.ShouldBe(2);
        listed.Single(r => r.Clause.StartsWith("厂房")).CommitmentStatus.ShouldBe("Lapsed");   // due date long past
        listed.Single(r => r.Clause.StartsWith("配套")).CommitmentStatus.ShouldBe("Open");     // still owed, but pre-2018: listed, not a future breach
        listed.Single(r => r.Clause.StartsWith("厂房")).Deadline.ShouldBe(new DateOnly(2027, 3, 31));
        (await app.LedgerEvents(listed[0].CommitmentId)).ShouldBe(["Imported", "RemediationListed"]);

        // Importing the same sheet again doubles nothing.
        var again = await app.Send(new ImportRemediation(good, false), integrity);
        again.Imported.ShouldBe(0);
        again.Errors.Count.ShouldBe(2);
    }

    [Fact]
    public async Task An_item_is_planned_reports_progress_escalates_once_when_its_deadline_passes_and_is_signed_off_with_evidence()
    {
        var officer = await app.As("officer");
        var integrity = await app.As("integrity");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        await app.Send(new ImportRemediation(await Sheet(Row(project.Number, "技改补助 100 万元")), false), integrity);
        var item = (await app.Send(new ListRemediation(), officer)).Single(r => r.ProjectNumber == project.Number);

        // Sign-off needs a plan first; another unit's officer cannot touch the item.
        (await Should.ThrowAsync<DomainException>(() => app.Send(new SignOffRemediation(item.CommitmentId, "拨付凭证", item.Version), integrity)))
            .Code.ShouldBe("remediation.signoff_needs_plan");
        var stranger = await app.As("officer2");
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new ReportRemediationProgress(item.CommitmentId, "x", 10, item.Version), stranger));

        var today = app.Clock.Today();
        var planned = await app.Send(new PlanRemediation(item.CommitmentId, "补助资金因财政调整未拨付，企业仍在经营", "2027 年预算安排资金分两期拨付",
            officer.UnitId!.Value, today.AddDays(5), item.Version), officer);
        planned = await app.Send(new ReportRemediationProgress(item.CommitmentId, "已列入预算草案", 40, planned.Version), officer);
        planned.ProgressPercent.ShouldBe(40);

        var list = app.Grains.GetGrain<IRemediationListGrain>(RemediationListKeys.Only);
        await list.CheckDeadline(item.CommitmentId);
        (await app.Scalar<long>("SELECT count(*) FROM breach_alerts WHERE commitment_id = @CommitmentId", item)).ShouldBe(0); // not yet due

        app.Clock.Advance(TimeSpan.FromDays(6));
        await Task.WhenAll(list.CheckDeadline(item.CommitmentId), list.CheckDeadline(item.CommitmentId), app.CheckDeadlinesAsync());
        await list.CheckDeadline(item.CommitmentId);
        (await app.Query<string>("SELECT kind FROM breach_alerts WHERE commitment_id = @CommitmentId", item)).ShouldBe(["RemediationOverdue"]);
        (await app.Send(new GetRemediationItem(item.CommitmentId), integrity)).Overdue.ShouldBeTrue();
        (await app.Send(new GetRemediationSummary(), integrity)).Single(u => u.UnitId == officer.UnitId).Overdue.ShouldBeGreaterThanOrEqualTo(1);

        // Officers cannot sign off; the integrity office does, with evidence; the item is then final.
        await Should.ThrowAsync<ForbiddenException>(() => app.Send(new SignOffRemediation(item.CommitmentId, "拨付凭证", planned.Version), officer));
        var signed = await app.Send(new SignOffRemediation(item.CommitmentId, "财政拨付凭证 海财〔2027〕15号", planned.Version), integrity);
        signed.SignedOff.ShouldBeTrue();
        signed.ProgressPercent.ShouldBe(100);
        (await Should.ThrowAsync<DomainException>(() => app.Send(new ReportRemediationProgress(item.CommitmentId, "x", 10, signed.Version), officer)))
            .Code.ShouldBe("remediation.signed_off");
        (await app.LedgerEvents(item.CommitmentId)).ShouldBe(["Imported", "RemediationListed", "RemediationPlanned", "RemediationProgress", "RemediationEscalated",
            "RemediationSignedOff"]);
    }
}
