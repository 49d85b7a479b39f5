using BizEnv.Invest.Application.Tests.Commitments;
using BizEnv.Invest.Application.Agreements;
using BizEnv.Invest.Application.Agreements.AddObligation;
using BizEnv.Invest.Application.Agreements.AttachAgreementFile;
using BizEnv.Invest.Application.Agreements.EditAgreement;
using BizEnv.Invest.Application.Agreements.GetAgreement;
using BizEnv.Invest.Application.Agreements.GetAgreementFile;
using BizEnv.Invest.Application.Agreements.Grain;
using BizEnv.Invest.Application.Agreements.ListAgreements;
using BizEnv.Invest.Application.Agreements.ListObligations;
using BizEnv.Invest.Application.Agreements.ListProjectAgreements;
using BizEnv.Invest.Application.Agreements.RecordObligationProgress;
using BizEnv.Invest.Application.Agreements.RefreshAgreementProgress;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.Promises;
using BizEnv.Invest.Application.Commitments.RecordCommitment;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Application.Crm.Projects.RecordInvestment;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Domain.Agreements;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using static BizEnv.Invest.Application.Tests.Agreements.AgreementBuilders;

namespace BizEnv.Invest.Application.Tests.Agreements;

/// <summary>
/// The agreement grain on a real silo and a real database: an agreement recorded with its obligations and its signed
/// file; progress read from the project (开工 by its stage date, fixed-asset investment from its 到资) and entered with
/// evidence; a due date ending unmet marks the obligation Missed once, a later figure cures it; each step on the ledger.
/// </summary>
public sealed class AgreementGrainTests(AppFixture app) : IClassFixture<AppFixture>
{
    private Task<long> Ledger(Guid subject, string @event) =>
        app.Scalar<long>("SELECT count(*) FROM ledger_history WHERE commitment_id = @subject AND event = @event", new { subject, @event });

    [Fact]
    public async Task Obligations_follow_the_projects_stage_date_and_daozi_entered_figures_and_the_due_dates_end_each_step_on_the_ledger()
    {
        var officer = await app.As("officer");
        // Short cure and payment periods: they end within 2026, the last year the test calendar holds.
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var saved = await app.Send(Agreement(project.Id,
            Obligation(ObligationKind.StartOfConstruction, null, null, new DateOnly(2026, 12, 31), "2026年底前开工"),
            Obligation(ObligationKind.FixedAssetInvestment, 5_000m, "万元", new DateOnly(2027, 6, 30), "固定资产投资5000万元"),
            Obligation(ObligationKind.Jobs, 300m, "人", new DateOnly(2026, 11, 25), "新增就业300人") with { CureDays = 5 }) with { ConditionPaymentDays = 5 }, officer);
        var id = saved.AgreementId;
        var detail = await app.Send(new GetAgreement(id), officer);
        detail.Obligations.Count.ShouldBe(3);
        detail.Obligations.ShouldAllBe(o => o.Status == ObligationStatus.Open);
        detail.CanEdit.ShouldBeTrue();
        var start = detail.Obligations.Single(o => o.Kind == ObligationKind.StartOfConstruction).Id;
        var fai = detail.Obligations.Single(o => o.Kind == ObligationKind.FixedAssetInvestment).Id;
        var jobs = detail.Obligations.Single(o => o.Kind == ObligationKind.Jobs).Id;

        // 到资 recorded on the project: the agreement hears of it at once.
        await app.Send(new RecordInvestment(project.Id, new DateOnly(2026, 11, 5), 30_000_000m, "首期"), officer);
        (await Status(fai)).ShouldBe(("Open", (DateOnly?)null, 3_000m));
        await app.Send(new RecordInvestment(project.Id, new DateOnly(2026, 11, 12), 25_000_000m, "二期"), officer);
        (await Status(fai)).ShouldBe(("Met", (DateOnly?)new DateOnly(2026, 11, 12), 5_500m));

        // The project starts construction: the milestone is met on the stage date.
        var moved = await app.MoveTo(officer, await app.Send(new BizEnv.Invest.Application.Crm.Projects.GetProject.GetProject(project.Id), officer).ContinueWith(t => t.Result.Summary),
            ProjectStage.Started, new DateOnly(2026, 11, 18));
        moved.Stage.ShouldBe(ProjectStage.Started);
        (await Status(start)).Status.ShouldBe("Met");
        (await Status(start)).MetOn.ShouldBe(new DateOnly(2026, 11, 18));

        // Jobs are entered with evidence; a milestone cannot be.
        await app.Send(new RecordObligationProgress(jobs, 120m, new DateOnly(2026, 11, 19), "社保缴纳名单"), officer);
        (await Status(jobs)).ShouldBe(("Open", (DateOnly?)null, 120m));
        (await Should.ThrowAsync<DomainException>(() => app.Send(new RecordObligationProgress(start, 1m, new DateOnly(2026, 11, 19), "照片"), officer)))
            .Code.ShouldBe("obligation.progress_from_project");
        (await Should.ThrowAsync<ValidationException>(() => app.Send(new RecordObligationProgress(jobs, 1m, new DateOnly(2026, 11, 19), " "), officer)))
            .Errors.Single().ErrorCode.ShouldBe("obligation.evidence_required");

        // A promise conditional on the jobs obligation, due the same day, within the officer's authority.
        await app.AllowWithoutLimit(CommitmentKind.ApprovalSpeed, "HCZS1");
        var conditional = await app.Send(new RecordCommitment(project.Id, CommitmentKind.ApprovalSpeed, "就业达标后 10 个工作日内办结技改备案", null, null, null, null,
            new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 25), "海川市优化营商环境条例", "海政发〔2025〕3号", "HT-7", id, [jobs]), officer);

        // 2026-11-25 ends at 16:00 UTC: a tick before it changes nothing, the tick after it marks the miss once.
        var grain = app.Grains.GetGrain<IAgreementGrain>(id);
        app.Clock.Advance(new DateTimeOffset(2026, 11, 25, 15, 59, 0, TimeSpan.Zero) - app.Clock.GetUtcNow());
        await grain.CheckDue();
        (await Status(jobs)).Status.ShouldBe("Open");
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await grain.CheckDue();
        await grain.CheckDue();
        (await Status(jobs)).Status.ShouldBe("Missed");
        (await Ledger(jobs, "Obligation.Missed")).ShouldBe(1);
        // The miss opens the investor's default at once (notice, cure period), not at the opening reader's next look.
        (await app.Scalar<string>("SELECT status FROM obligation_defaults WHERE obligation_id = @jobs", new { jobs })).ShouldBe("Noticed");
        // The promise falls due with its condition unmet: no breach.
        await app.Grains.GetGrain<IPromiseGrain>(conditional.Id).CheckDeadlines();
        (await app.Scalar<string>("SELECT status FROM commitments WHERE id = @Id", conditional)).ShouldBe("ConditionUnmet");

        // Reached later: cured, on the figure's date.
        await app.Send(new RecordObligationProgress(jobs, 310m, new DateOnly(2026, 11, 26), "社保缴纳名单（11月）"), officer);
        (await Status(jobs)).ShouldBe(("Cured", (DateOnly?)new DateOnly(2026, 11, 26), 310m));
        // The cure wakes the waiting promise at once: it runs again, due the agreement's 30 working days after the condition was met.
        (await app.Scalar<string>("SELECT status FROM commitments WHERE id = @Id", conditional)).ShouldBe("Open");
        (await app.Scalar<DateOnly>("SELECT due_date FROM commitments WHERE id = @Id", conditional)).ShouldBe(new DateOnly(2026, 12, 3));

        (await Ledger(id, "Agreement.Recorded")).ShouldBe(1);
        (await Ledger(start, "Obligation.Added")).ShouldBe(1);
        (await Ledger(fai, "Obligation.Progress")).ShouldBe(2);
        (await Ledger(fai, "Obligation.Met")).ShouldBe(1);
        (await Ledger(start, "Obligation.Met")).ShouldBe(1);
        (await Ledger(jobs, "Obligation.Cured")).ShouldBe(1);
        (await app.Scalar<string>("SELECT actor FROM ledger_history WHERE commitment_id = @jobs AND event = 'Obligation.Missed'", new { jobs })).ShouldBe("system");
        (await app.Services.GetRequiredService<LedgerVerifier>().VerifyAsync()).Intact.ShouldBeTrue();

        var after = await app.Send(new GetAgreement(id), officer);
        after.Summary.Met.ShouldBe(3);
        after.Progress.Count(p => p.ObligationId == fai && p.Source == ProgressSource.Project).ShouldBe(2);
        after.Progress.First(p => p.ObligationId == fai).Evidence.ShouldContain("到资");
        after.Progress.Count(p => p.ObligationId == jobs && p.Source == ProgressSource.Entered).ShouldBe(2);
        (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE action = 'RecordObligationProgress' AND outcome = 'success' AND object_id = @o",
            new { o = jobs.ToString() })).ShouldBe(2);
    }

    private async Task<(string Status, DateOnly? MetOn, decimal? Progress)> Status(Guid obligation) =>
        (await app.Query<(string, DateOnly?, decimal?)>("SELECT status, met_on, progress FROM obligations WHERE id = @obligation", new { obligation })).Single();

    [Fact]
    public async Task The_header_is_edited_from_the_version_seen_obligations_are_added_and_the_signed_file_comes_back_as_uploaded()
    {
        var officer = await app.As("officer");
        var (project, saved) = await app.NewAgreement(officer, Obligation(ObligationKind.TaxPerMu, 30m, "万元/亩/年", new DateOnly(2028, 12, 31)));
        var detail = await app.Send(new GetAgreement(saved.AgreementId), officer);
        var edit = new EditAgreement(saved.AgreementId, detail.Summary.UnitId, detail.Summary.Number, "补充协议后的名称", detail.GovernmentSignatory,
            detail.InvestorSignatory, detail.Summary.SignedOn, 45, detail.Version);
        (await app.Send(edit, officer)).Version.ShouldBe(detail.Version + 1);
        await Should.ThrowAsync<ConcurrencyConflictException>(() => app.Send(edit, officer));

        var added = await app.Send(new AddObligation(saved.AgreementId, Obligation(ObligationKind.Production, null, null, new DateOnly(2027, 12, 31))), officer);
        added.ObligationsChanged.ShouldBe(1);
        (await Should.ThrowAsync<ValidationException>(() => app.Send(new AddObligation(saved.AgreementId,
            Obligation(ObligationKind.Jobs, 10m, "万元", new DateOnly(2027, 12, 31))), officer))).Errors.Single().ErrorCode.ShouldBe("obligation.unit_not_allowed");

        byte[] pdf = [.. "%PDF-1.4 协议"u8];
        await app.Send(new AttachAgreementFile(saved.AgreementId, "协议.pdf", "application/pdf", pdf), officer);
        await using (var file = await app.Send(new GetAgreementFile(saved.AgreementId), await app.As("leader")))
        {
            file.FileName.ShouldBe("协议.pdf");
            using var copy = new MemoryStream();
            await file.Content.CopyToAsync(copy);
            copy.ToArray().ShouldBe(pdf);
        }
        (await Should.ThrowAsync<ValidationException>(() => app.Send(new AttachAgreementFile(saved.AgreementId, "a.exe", "application/octet-stream", [1]), officer)))
            .Errors.Single().ErrorCode.ShouldBe("agreement.file_type");
        (await app.Send(new RefreshAgreementProgress(saved.AgreementId), officer)).ObligationsChanged.ShouldBe(0);

        var again = await app.Send(new GetAgreement(saved.AgreementId), officer);
        again.Summary.Title.ShouldBe("补充协议后的名称");
        again.ConditionPaymentDays.ShouldBe(45);
        again.FileName.ShouldBe("协议.pdf");
        again.Obligations.Count.ShouldBe(2);
        (await app.Send(new ListProjectAgreements(project.Id), officer)).Agreements.Single().Obligations.ShouldBe(2);
        (await Ledger(saved.AgreementId, "Agreement.Edited")).ShouldBe(1);
        // The ledger's receipts are for promises: an agreement's entry is refused as not found, not a crash.
        await app.SealLedgerAsync();
        var seq = await app.Scalar<long>("SELECT seq FROM commitment_ledger WHERE commitment_id = @AgreementId AND event = 'Agreement.Recorded'", saved);
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new BizEnv.Invest.Application.Commitments.Receipts.GetReceipt.GetReceipt(saved.AgreementId, seq), officer));
        (await Ledger(saved.AgreementId, "Agreement.FileAttached")).ShouldBe(1);
    }

    [Fact]
    public async Task A_bad_agreement_saves_nothing_and_a_taken_number_is_a_field_error()
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var bad = Agreement(project.Id, Obligation(ObligationKind.Jobs, 10m, "人", new DateOnly(2027, 1, 1)), Obligation(ObligationKind.Jobs, null, "人", new DateOnly(2027, 1, 1)));
        (await Should.ThrowAsync<ValidationException>(() => app.Send(bad, officer))).Errors.Single().PropertyName.ShouldBe("Obligations[1].Target");
        (await Should.ThrowAsync<ValidationException>(() => app.Send(Agreement(project.Id), officer))).Errors.Single().ErrorCode.ShouldBe("agreement.obligation_required");
        (await app.Scalar<long>("SELECT count(*) FROM agreements WHERE project_id = @Id", project)).ShouldBe(0);

        var good = Agreement(project.Id, Obligation(ObligationKind.Jobs, 10m, "人", new DateOnly(2027, 1, 1)));
        await app.Send(good, officer);
        (await Should.ThrowAsync<ValidationException>(() => app.Send(good, officer))).Errors.Single().ErrorCode.ShouldBe("agreement.number_taken");
        (await app.Scalar<long>("SELECT count(*) FROM agreements WHERE project_id = @Id", project)).ShouldBe(1);
    }

    [Fact]
    public async Task Officers_of_the_projects_unit_and_admins_write_leaders_and_integrity_read_another_units_officer_sees_nothing()
    {
        var officer = await app.As("officer");
        var (project, saved) = await app.NewAgreement(officer, Obligation(ObligationKind.Jobs, 10m, "人", new DateOnly(2027, 1, 1)));
        var obligation = (await app.Send(new GetAgreement(saved.AgreementId), officer)).Obligations.Single().Id;
        var admin = await app.As("admin");
        await app.Send(new RecordObligationProgress(obligation, 5m, new DateOnly(2026, 11, 1), "统计表"), admin);
        foreach (var reader in new[] { "leader", "integrity" })
        {
            var actor = await app.As(reader);
            (await app.Send(new GetAgreement(saved.AgreementId), actor)).CanEdit.ShouldBeFalse();
            (await app.Send(new ListObligations(null, ObligationKind.Jobs, null), actor)).Items.ShouldContain(o => o.Id == obligation);
            await Should.ThrowAsync<ForbiddenException>(() => app.Send(new RecordObligationProgress(obligation, 6m, new DateOnly(2026, 11, 1), "x"), actor));
        }
        var other = await app.As("officer2");
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new GetAgreement(saved.AgreementId), other));
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new RecordObligationProgress(obligation, 6m, new DateOnly(2026, 11, 1), "x"), other));
        await Should.ThrowAsync<NotFoundException>(() => app.Send(Agreement(project.Id, Obligation(ObligationKind.Jobs, 1m, "人", new DateOnly(2027, 1, 1))), other));
        (await app.Send(new ListAgreements(null), other)).Items.ShouldNotContain(a => a.Id == saved.AgreementId);
        (await app.Send(new ListObligations(null, null, null), other)).Items.ShouldNotContain(o => o.Id == obligation);
        (await app.Send(new ListAgreements(project.Name[..3]), officer)).Items.ShouldContain(a => a.Id == saved.AgreementId);
        (await app.Send(new ListObligations(ObligationStatus.Open, ObligationKind.Jobs, null), officer)).Items.ShouldContain(o => o.Id == obligation);
        (await app.Send(new ListObligations(ObligationStatus.Met, null, null), officer)).Items.ShouldNotContain(o => o.Id == obligation);
    }
}
