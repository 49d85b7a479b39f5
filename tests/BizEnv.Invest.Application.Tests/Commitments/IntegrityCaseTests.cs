using BizEnv.Invest.Application.Commitments.Cases;
using BizEnv.Invest.Application.Commitments.Cases.AddRectification;
using BizEnv.Invest.Application.Commitments.Cases.AddResponsiblePerson;
using BizEnv.Invest.Application.Commitments.Cases.AssignInvestigator;
using BizEnv.Invest.Application.Commitments.Cases.CloseCase;
using BizEnv.Invest.Application.Commitments.Cases.CompleteRectification;
using BizEnv.Invest.Application.Commitments.Cases.GetCase;
using BizEnv.Invest.Application.Commitments.Cases.ListCases;
using BizEnv.Invest.Application.Commitments.Cases.ReportCaseOutcome;
using BizEnv.Invest.Application.Commitments.GetCommitmentDashboard;
using BizEnv.Invest.Application.Commitments.ListBreachAlerts;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.TriageBreachAlert;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Application.Tests.Commitments;

public sealed class IntegrityCaseTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_confirmed_breach_is_run_through_its_case_to_closure_and_every_step_is_on_the_ledger()
    {
        var officer = await app.As("officer");
        var integrity = await app.As("integrity");
        var (commitmentId, alertId) = await app.LapsedBreach(officer);
        alertId.ShouldNotBe(Guid.Empty);

        // Officers cannot triage; the integrity office confirms and the case opens with a 30-day clock.
        await Should.ThrowAsync<ForbiddenException>(() => app.Send(new TriageBreachAlert(alertId, true, null, null, 1), officer));
        var opened = await app.Send(new TriageBreachAlert(alertId, true, null, "核实属实", 1), integrity);
        var caseId = opened.CaseId!.Value;
        var detail = await app.Send(new GetCase(caseId), integrity);
        detail.Case.Number.ShouldStartWith($"失信-{app.Clock.Today().Year}-");
        detail.Case.ResultDue.ShouldBe(app.Clock.Today().AddDays(30));
        detail.Case.Status.ShouldBe(CaseStatus.Investigating);
        detail.ResultOverdue.ShouldBeFalse();

        var c = await app.Send(new AssignInvestigator(caseId, integrity.UserId!.Value, detail.Case.Version), integrity);
        c.InvestigatorName.ShouldNotBeNull();
        // An outcome that holds somebody to account needs somebody named first.
        (await Should.ThrowAsync<DomainException>(() => app.Send(new ReportCaseOutcome(caseId, AccountabilityOutcome.AdmonishmentTalk, "x", c.Version), integrity)))
            .Code.ShouldBe("case.outcome_needs_person");
        c = await app.Send(new AddResponsiblePerson(caseId, "王某", "招商一处副处长", "招商一处", Responsibility.Direct, c.Version), integrity);
        c = await app.Send(new ReportCaseOutcome(caseId, AccountabilityOutcome.AdmonishmentTalk, "未按期兑现补助，对直接责任人诫勉谈话", c.Version), integrity);
        c.Status.ShouldBe(CaseStatus.Rectifying);
        c = await app.Send(new AddRectification(caseId, "补发设备投资补助并书面致歉", app.Clock.Today().AddDays(10), c.Version), integrity);

        (await Should.ThrowAsync<DomainException>(() => app.Send(new CloseCase(caseId, "结案", c.Version), integrity)))
            .Code.ShouldBe("case.close_needs_rectification_done");
        await Should.ThrowAsync<ConcurrencyConflictException>(() => app.Send(new CloseCase(caseId, "结案", c.Version - 1), integrity));
        c = await app.Send(new CompleteRectification(caseId, c.Rectifications.Single().Id, "补助已于本周拨付", c.Version), integrity);
        c = await app.Send(new CloseCase(caseId, "问责到位，整改完成", c.Version), integrity);
        c.Status.ShouldBe(CaseStatus.Closed);
        (await Should.ThrowAsync<DomainException>(() => app.Send(new AddRectification(caseId, "再补一条", app.Clock.Today(), c.Version), integrity)))
            .Code.ShouldBe("case.closed");

        (await app.LedgerEvents(commitmentId)).ShouldBe([
            "Lapsed", "BreachConfirmed", "CaseOpened", "CaseInvestigatorAssigned", "CaseResponsiblePersonAdded", "CaseOutcomeReported",
            "CaseRectificationAdded", "CaseRectificationDone", "CaseClosed"]);
        (await app.Services.GetRequiredService<LedgerVerifier>().VerifyAsync()).Intact.ShouldBeTrue();
        (await app.Send(new ListBreachAlerts(new BreachAlertFilter(Status: null, UnitId: officer.UnitId)), integrity))
            .Single(a => a.Id == alertId).CaseId.ShouldBe(caseId);
    }

    [Fact]
    public async Task A_case_without_a_result_after_thirty_days_is_flagged_overdue_and_counted()
    {
        var officer = await app.As("officer2");
        var integrity = await app.As("integrity");
        var (_, alertId) = await app.LapsedBreach(officer);
        var caseId = (await app.Send(new TriageBreachAlert(alertId, true, null, null, 1), integrity)).CaseId!.Value;

        app.Clock.Advance(TimeSpan.FromDays(30));
        (await app.Send(new GetCase(caseId), integrity)).ResultOverdue.ShouldBeFalse(); // day 30 is still in time
        app.Clock.Advance(TimeSpan.FromDays(1));
        (await app.Send(new GetCase(caseId), integrity)).ResultOverdue.ShouldBeTrue();
        (await app.Send(new ListCases(OverdueOnly: true), integrity)).Select(k => k.Id).ShouldContain(caseId);
        var figures = await app.Send(new GetCommitmentDashboard(), await app.As("leader"));
        figures.OverdueCases.ShouldBeGreaterThanOrEqualTo(1);
        figures.CasesByOutcome.Single(o => o.Key == "Pending").Count.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Alerts_filter_by_unit_kind_and_period_and_export_what_is_shown()
    {
        var integrity = await app.As("integrity");
        var one = await app.As("officer");
        var two = await app.As("officer2");
        var (_, alertOne) = await app.LapsedBreach(one);
        var (_, alertTwo) = await app.LapsedBreach(two);
        var today = app.Clock.Today();

        var ofUnitTwo = await app.Send(new ListBreachAlerts(new BreachAlertFilter(Status: null, UnitId: two.UnitId)), integrity);
        ofUnitTwo.Select(a => a.Id).ShouldContain(alertTwo);
        ofUnitTwo.Select(a => a.Id).ShouldNotContain(alertOne);
        (await app.Send(new ListBreachAlerts(new BreachAlertFilter(Status: null, PromiserId: one.UserId, Kind: CommitmentKind.Subsidy, From: today, To: today)), integrity))
            .Select(a => a.Id).ShouldContain(alertOne);
        (await app.Send(new ListBreachAlerts(new BreachAlertFilter(Status: null, Kind: CommitmentKind.Land)), integrity)).ShouldBeEmpty();
        (await app.Send(new ListBreachAlerts(new BreachAlertFilter(Status: null, From: today.AddDays(1))), integrity)).ShouldBeEmpty();

        await using var file = await app.Send(new Application.Commitments.ExportBreachAlerts.ExportBreachAlerts(new BreachAlertFilter(Status: null, UnitId: two.UnitId)), integrity);
        var sheet = app.Services.GetRequiredService<Abstractions.IXlsxReader>().Read(await file.ReadAllBytesAsync()).DataOnly();
        sheet.Rows.Count.ShouldBe(ofUnitTwo.Count);
    }
}
