using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Calendar;
using BizEnv.Invest.Application.Commitments;
using BizEnv.Invest.Application.Commitments.Promises;
using BizEnv.Invest.Application.Commitments.RecordCommitment;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BizEnv.Invest.Application.Tests.Commitments.Conditions;

/// <summary>
/// Conditional promises 附条件承诺 on a real silo and a real database: falling due with a condition unmet is not a
/// breach (ConditionUnmet, its evidence in the ledger, no alert); met, the lapse is a breach; met later, the promise
/// runs again due the agreement's working days after the last condition, and lapses as a breach if undelivered.
/// </summary>
public sealed class ConditionalPromiseTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Policy = "海川市招商引资优惠政策";

    private async Task<Actor> Officer()
    {
        await app.AllowWithoutLimit(CommitmentKind.TaxRebate);
        return await app.As("officer");
    }

    private RecordCommitment Rebate(Guid project, Guid? agreement, Guid[]? conditions, DateOnly? due = null) =>
        new(project, CommitmentKind.TaxRebate, "投产且亩均税收达 30 万元后返还地方留成部分", 3_000_000m, null, null, null,
            app.Clock.Today().AddDays(-60), due ?? app.Clock.Today().AddDays(-1), Policy, "海政发〔2024〕12号", "XY-2025-007", agreement, conditions);

    private async Task<(Guid Project, Guid Agreement, Guid[] Obligations)> Agreement(Actor officer, int paymentDays = 5)
    {
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var (agreement, obligations) = await app.NewAgreement(officer, project.Id, paymentDays, "Production", "TaxPerMu");
        return (project.Id, agreement, obligations);
    }

    private Task<string> Status(Guid id) => app.Scalar<string>("SELECT status FROM commitments WHERE id = @id", new { id });

    private Task<long> Alerts(Guid id) => app.Scalar<long>("SELECT count(*) FROM breach_alerts WHERE commitment_id = @id", new { id });

    private Task<long> Reminders(Guid id) =>
        app.Scalar<long>("SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE '%' || @id || '%'", new { id = id.ToString("N") });

    [Fact]
    public async Task Falling_due_with_a_condition_partly_met_it_becomes_condition_unmet_with_its_evidence_and_no_breach_alert()
    {
        var officer = await Officer();
        var (project, agreement, obligations) = await Agreement(officer);
        await app.SetObligation(obligations[0], "Met", app.Clock.Today().AddDays(-90)); // production started; the tax yield not reached
        await app.SetObligation(obligations[1], "Open", progress: 21.5m);
        var promise = await app.Send(Rebate(project, agreement, obligations), officer);
        (await app.Scalar<Guid>("SELECT agreement_id FROM commitments WHERE id = @Id", promise)).ShouldBe(agreement);
        (await app.Query<Guid>("SELECT obligation_id FROM commitment_conditions WHERE commitment_id = @Id", promise)).Order().ShouldBe(obligations.Order());

        await app.Grains.GetGrain<IPromiseGrain>(promise.Id).CheckDeadlines();

        (await Status(promise.Id)).ShouldBe("ConditionUnmet");
        (await Alerts(promise.Id)).ShouldBe(0);
        (await app.Scalar<long>("SELECT count(*) FROM remediation_items WHERE commitment_id = @Id", promise)).ShouldBe(0);
        (await app.LedgerEvents(promise.Id)).ShouldBe(["Recorded", "ConditionUnmet"]);
        var state = await app.Scalar<string>("SELECT state FROM ledger_history WHERE commitment_id = @Id AND event = 'ConditionUnmet'", promise);
        state.ShouldContain(obligations[1].ToString());
        state.ShouldContain("\"Status\":\"Open\"");
        state.ShouldContain("21.5");
        state.ShouldContain("\"Status\":\"Met\"");
        (await app.Scalar<string>("SELECT reason FROM ledger_history WHERE commitment_id = @Id AND event = 'ConditionUnmet'", promise))
            .ShouldBe("""{"code":"ledger.reason.condition_unmet","args":[1,2]}""");
        // The daily net keeps its reminder; a second tick changes nothing.
        (await Reminders(promise.Id)).ShouldBe(1);
        await app.Grains.GetGrain<IPromiseGrain>(promise.Id).ConditionsChanged();
        (await app.LedgerEvents(promise.Id)).ShouldBe(["Recorded", "ConditionUnmet"]);
        var detail = await app.Send(new Application.Commitments.GetCommitment.GetCommitment(promise.Id), officer);
        detail.State.Status.ShouldBe(CommitmentStatus.ConditionUnmet);
        detail.Agreement!.Id.ShouldBe(agreement);
        detail.CanChange.ShouldBeTrue(); // it may be cancelled by agreement
        detail.Conditions!.Select(c => (c.ObligationId, c.Status)).ShouldBe([(obligations[0], "Met"), (obligations[1], "Open")], ignoreOrder: true);

        // The integrity office sees it under its own label, with only what is still unmet; never among the breach alerts.
        var listed = (await app.Send(new Application.Commitments.ListConditionUnmet.ListConditionUnmet(), await app.As("integrity")))
            .Single(i => i.Commitment.Id == promise.Id);
        listed.Unmet.Select(u => (u.ObligationId, u.Progress)).ShouldBe([(obligations[1], 21.5m)]);
        listed.AgreementNumber.ShouldStartWith("XY-");
        (await app.Send(new Application.Commitments.ListBreachAlerts.ListBreachAlerts(new Application.Commitments.ListBreachAlerts.BreachAlertFilter(Status: null)),
            await app.As("integrity"))).ShouldNotContain(a => a.CommitmentId == promise.Id);
        // The list filter finds it by its status.
        (await app.Send(new Application.Commitments.ListCommitments.ListCommitments(CommitmentStatus.ConditionUnmet, ProjectId: project), officer)).Items
            .Select(c => c.Id).ShouldBe([promise.Id]);
    }

    [Fact]
    public async Task The_recording_choices_are_the_projects_agreements_with_their_obligations_and_another_units_officer_finds_no_project()
    {
        var officer = await Officer();
        var (project, agreement, obligations) = await Agreement(officer, paymentDays: 20);
        var choices = await app.Send(new Application.Commitments.ListConditionChoices.ListConditionChoices(project), officer);
        choices.Select(a => (a.Id, a.ConditionPaymentDays)).ShouldBe([(agreement, 20)]);
        choices[0].Obligations.Select(o => (o.Id, o.Kind)).ShouldBe([(obligations[0], "Production"), (obligations[1], "TaxPerMu")], ignoreOrder: true);
        var otherUnit = await app.As("officer2");
        await Should.ThrowAsync<Errors.NotFoundException>(() =>
            app.Send(new Application.Commitments.ListConditionChoices.ListConditionChoices(project), otherUnit));
    }

    [Fact]
    public async Task With_every_condition_met_the_undelivered_promise_lapses_as_a_breach()
    {
        var officer = await Officer();
        var (project, agreement, obligations) = await Agreement(officer);
        await app.SetObligation(obligations[0], "Met", app.Clock.Today().AddDays(-90));
        await app.SetObligation(obligations[1], "Cured", app.Clock.Today().AddDays(-30));
        var promise = await app.Send(Rebate(project, agreement, obligations), officer);

        await app.Grains.GetGrain<IPromiseGrain>(promise.Id).CheckDeadlines();

        (await Status(promise.Id)).ShouldBe("Lapsed");
        (await Alerts(promise.Id)).ShouldBe(1);
        (await app.LedgerEvents(promise.Id)).ShouldBe(["Recorded", "Lapsed"]);
        // Its breach entry records the conditions that had been met: the government's side was owed.
        (await app.Scalar<string>("SELECT state FROM ledger_history WHERE commitment_id = @Id AND event = 'Lapsed'", promise)).ShouldContain("\"Status\":\"Cured\"");
    }

    [Fact]
    public async Task Condition_unmet_then_met_later_it_runs_again_due_the_agreements_working_days_after_and_lapses_as_a_breach_if_undelivered()
    {
        var officer = await Officer();
        var (project, agreement, obligations) = await Agreement(officer, paymentDays: 5);
        var promise = await app.Send(Rebate(project, agreement, obligations), officer);
        await app.Grains.GetGrain<IPromiseGrain>(promise.Id).CheckDeadlines();
        (await Status(promise.Id)).ShouldBe("ConditionUnmet");

        // One met: still waiting, even when woken.
        var metOn = app.Clock.Today().AddDays(-2);
        await app.SetObligation(obligations[0], "Met", metOn.AddDays(-20));
        (await PromiseConditionWake.WakeAsync(app.Services.GetRequiredService<NpgsqlDataSource>(), app.Grains, obligations[0])).ShouldBe(1);
        (await Status(promise.Id)).ShouldBe("ConditionUnmet");

        // Both met: the agreement's grain wakes the promise; due 5 working days after the later met_on.
        await app.SetObligation(obligations[1], "Met", metOn, 32m);
        (await PromiseConditionWake.WakeAsync(app.Services.GetRequiredService<NpgsqlDataSource>(), app.Grains, obligations[1])).ShouldBe(1);
        var calendar = await app.Services.GetRequiredService<WorkingCalendarSource>().GetAsync();
        var due = calendar.AddWorkingDays(metOn, 5);
        (await Status(promise.Id)).ShouldBe("Open");
        (await app.Scalar<DateOnly>("SELECT due_date FROM commitments WHERE id = @Id", promise)).ShouldBe(due);
        (await app.Scalar<DateTimeOffset>("SELECT lapse_at FROM commitments WHERE id = @Id", promise)).ShouldBe(CommitmentDeadlines.LapseInstant(due));
        (await app.LedgerEvents(promise.Id)).ShouldBe(["Recorded", "ConditionUnmet", "ConditionsMet"]);
        (await Alerts(promise.Id)).ShouldBe(0);
        (await Reminders(promise.Id)).ShouldBe(1);
        // Woken again: nothing more (idempotent), and no-one is waiting on it any longer.
        (await PromiseConditionWake.WakeAsync(app.Services.GetRequiredService<NpgsqlDataSource>(), app.Grains, obligations[1])).ShouldBe(0);

        // The new due date ends undelivered: a breach, as any promise.
        app.Clock.Advance(CommitmentDeadlines.LapseInstant(due) - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await app.Grains.GetGrain<IPromiseGrain>(promise.Id).CheckDeadlines();
        (await Status(promise.Id)).ShouldBe("Lapsed");
        (await Alerts(promise.Id)).ShouldBe(1);
        (await app.LedgerEvents(promise.Id)).ShouldBe(["Recorded", "ConditionUnmet", "ConditionsMet", "Lapsed"]);
    }

    [Fact]
    public async Task A_verdict_of_condition_unmet_that_no_longer_holds_in_the_lapse_transaction_is_refused_and_nothing_is_written()
    {
        var officer = await Officer();
        var (project, agreement, obligations) = await Agreement(officer);
        var promise = await app.Send(Rebate(project, agreement, obligations, due: app.Clock.Today().AddDays(40)), officer);
        // Both met after the grain would have looked: the journal reads them again under its share lock.
        await app.SetObligation(obligations[0], "Met", app.Clock.Today());
        await app.SetObligation(obligations[1], "Met", app.Clock.Today());
        var journal = app.Services.GetRequiredService<LapseJournal>();
        await Should.ThrowAsync<Errors.ConcurrencyConflictException>(() => journal.WriteAsync(
            new Lapse(promise.Id, promise.Version, promise.DueDate, "x", false, false, Conditional: true, ConditionUnmet: true)));
        (await Status(promise.Id)).ShouldBe("Open");
        (await app.LedgerEvents(promise.Id)).ShouldBe(["Recorded"]);
    }

    [Fact]
    public async Task Recording_refuses_an_agreement_of_another_project_an_obligation_of_another_agreement_and_conditions_without_an_agreement()
    {
        var officer = await Officer();
        var (project, agreement, obligations) = await Agreement(officer);
        var (otherProject, otherAgreement, otherObligations) = await Agreement(officer);

        var wrongProject = await Should.ThrowAsync<FluentValidation.ValidationException>(() => app.Send(Rebate(project, otherAgreement, null), officer));
        wrongProject.Errors.Select(e => e.PropertyName).ShouldBe(["AgreementId"]);
        var wrongObligation = await Should.ThrowAsync<FluentValidation.ValidationException>(() =>
            app.Send(Rebate(project, agreement, [obligations[0], otherObligations[1]]), officer));
        wrongObligation.Errors.Select(e => e.PropertyName).ShouldBe(["ConditionObligationIds"]);
        await Should.ThrowAsync<FluentValidation.ValidationException>(() => app.Send(Rebate(project, null, obligations), officer));
        (await app.Scalar<long>("SELECT count(*) FROM commitments WHERE project_id = ANY(@ids)", new { ids = new[] { project, otherProject } })).ShouldBe(0);

        // Under an agreement without conditions: an ordinary promise that records the agreement.
        var plain = await app.Send(Rebate(project, agreement, null, due: app.Clock.Today().AddDays(40)), officer);
        (await app.Scalar<Guid>("SELECT agreement_id FROM commitments WHERE id = @Id", plain)).ShouldBe(agreement);
        (await app.Scalar<long>("SELECT count(*) FROM commitment_conditions WHERE commitment_id = @Id", plain)).ShouldBe(0);
    }

    [Fact]
    public async Task A_condition_unmet_promise_may_be_cancelled_by_agreement()
    {
        var officer = await Officer();
        var (project, agreement, obligations) = await Agreement(officer);
        var promise = await app.Send(Rebate(project, agreement, [obligations[1]]), officer);
        await app.Grains.GetGrain<IPromiseGrain>(promise.Id).CheckDeadlines();
        var waiting = await app.Send(new Application.Commitments.GetCommitment.GetCommitment(promise.Id), officer);
        waiting.State.Status.ShouldBe(CommitmentStatus.ConditionUnmet);
        var cancelled = await app.Send(new Application.Commitments.ChangeCommitmentStatus.ChangeCommitmentStatus(promise.Id, CommitmentStatus.Cancelled, null, null, null, null, null,
            "解除协议 XY-2025-007-B", waiting.State.Version), officer);
        cancelled.Status.ShouldBe(CommitmentStatus.Cancelled);
        (await Reminders(promise.Id)).ShouldBe(0);
    }
}
