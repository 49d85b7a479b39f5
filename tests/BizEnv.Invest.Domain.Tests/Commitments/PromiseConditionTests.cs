using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Tests.Calendar;
using BizEnv.Invest.Domain.Zones;

namespace BizEnv.Invest.Domain.Tests.Commitments;

/// <summary>Conditional promises 附条件承诺: a condition unmet at the lapse is not a breach; met, the promise falls due by the agreement's rule.</summary>
public sealed class PromiseConditionTests
{
    private static readonly Guid Agreement = Guid.Parse("0d6f3a52-4f0e-4a43-8f0d-6a9e3c1b2a10");
    private static readonly Guid Production = Guid.Parse("4c1b5e7a-7d3f-4e0b-9a51-2f6c8d9e0a01");
    private static readonly Guid TaxPerMu = Guid.Parse("4c1b5e7a-7d3f-4e0b-9a51-2f6c8d9e0a02");
    private static readonly Guid Zone = Guid.Parse("6a1f6c4e-2b1d-4a55-9d0e-0c3b8f1e2a77");

    private static PromiseTerms Terms(DateOnly? madeOn = null, Guid? zone = null) =>
        new(CommitmentKind.TaxRebate, "投产且亩均税收达30万元后返还", 3_000_000m, zone, zone is null ? null : Resource.Land, zone is null ? null : 50m,
            madeOn ?? new DateOnly(2025, 3, 1), new DateOnly(2026, 6, 30), "招商引资若干政策", "政发〔2025〕3号", "XY-2025-007");

    private static Promise Conditional(CommitmentStatus status = CommitmentStatus.Open, DateOnly? madeOn = null, Guid? zone = null, params Guid[] conditions) =>
        Promise.Restore(Guid.NewGuid(), Terms(madeOn, zone), status, null, null, 4, null, Agreement, conditions.Length == 0 ? [Production, TaxPerMu] : conditions);

    private static ConditionState Met(Guid id, string on) => new(id, "Met", DateOnly.Parse(on));

    private static ConditionState Open(Guid id) => new(id, "Open", null);

    [Fact]
    public void With_every_condition_met_the_lapse_is_a_breach_as_for_any_promise()
    {
        var p = Conditional();
        var change = p.Lapse([Met(Production, "2026-03-01"), new ConditionState(TaxPerMu, "Cured", new DateOnly(2026, 5, 1))]);
        change.Event.ShouldBe("Lapsed");
        change.RaisesBreach.ShouldBeTrue();
        p.Status.ShouldBe(CommitmentStatus.Lapsed);
    }

    [Fact]
    public void With_no_condition_met_it_becomes_condition_unmet_without_an_alert_or_a_list_entry()
    {
        var p = Conditional();
        var change = p.Lapse([Open(Production), new ConditionState(TaxPerMu, "Missed", null)]);
        change.ShouldBe(new PromiseChange("ConditionUnmet", """{"code":"ledger.reason.condition_unmet","args":[2,2]}"""));
        p.Status.ShouldBe(CommitmentStatus.ConditionUnmet);
        p.Version.ShouldBe(5);
        p.IsRunning.ShouldBeFalse();
    }

    [Fact]
    public void With_some_of_several_conditions_met_it_is_still_condition_unmet_and_says_how_many_are_not()
    {
        var p = Conditional();
        var change = p.Lapse([Met(Production, "2026-03-01"), Open(TaxPerMu)]);
        change.Event.ShouldBe("ConditionUnmet");
        change.Reason.ShouldBe("""{"code":"ledger.reason.condition_unmet","args":[1,2]}""");
        change.RaisesBreach.ShouldBeFalse();
        p.Status.ShouldBe(CommitmentStatus.ConditionUnmet);
    }

    [Fact]
    public void An_obligation_not_found_counts_as_unmet_and_a_conditional_lapse_needs_the_states()
    {
        Conditional().Lapse([Met(Production, "2026-03-01")]).Event.ShouldBe("ConditionUnmet");
        Should.Throw<InvalidOperationException>(() => Conditional().Lapse());
    }

    [Fact]
    public void Condition_unmet_holds_its_capacity_and_may_be_cancelled_by_agreement_which_gives_it_back()
    {
        var p = Conditional(CommitmentStatus.ConditionUnmet, zone: Zone);
        p.HoldsCapacity.ShouldBeTrue();
        p.Cancel("解除协议.pdf", null).Capacity.ShouldBe(CapacityStep.Release);
        p.Status.ShouldBe(CommitmentStatus.Cancelled);
    }

    [Theory]
    [InlineData(CommitmentStatus.InProgress)]
    [InlineData(CommitmentStatus.Fulfilled)]
    [InlineData(CommitmentStatus.Extended)]
    [InlineData(CommitmentStatus.Lapsed)]
    public void Condition_unmet_does_not_move_by_hand_except_cancellation(CommitmentStatus to)
    {
        var p = Conditional(CommitmentStatus.ConditionUnmet);
        Should.Throw<DomainException>(() => to switch
        {
            CommitmentStatus.InProgress => p.Start(null),
            CommitmentStatus.Fulfilled => p.Fulfil("凭证", null),
            CommitmentStatus.Extended => p.Extend(new DateOnly(2027, 1, 1), "同意函", null),
            _ => p.Lapse([]),
        }).Code.ShouldBe("commitment.transition_refused");
        Should.Throw<DomainException>(() => p.Approve([], _ => "", null)).Code.ShouldBe("commitment.transition_refused");
        p.Status.ShouldBe(CommitmentStatus.ConditionUnmet);
    }

    [Fact]
    public void Once_all_conditions_are_met_it_runs_again_due_the_agreements_working_days_after_the_last_one_across_the_national_day_holiday()
    {
        var p = Conditional(CommitmentStatus.ConditionUnmet);
        // The last condition reached Tue 2026-09-29; 5 working days: 9-30, (10-01..07 holiday) 10-08, 10-09, Sat 10-10 (调休 workday), Mon 10-12.
        var change = p.ResumeOnConditions([Met(Production, "2026-07-15"), Met(TaxPerMu, "2026-09-29")], ShippedCalendar.Get(), 5);
        change.ShouldNotBeNull();
        change.Event.ShouldBe("ConditionsMet");
        change.Reason.ShouldBe("""{"code":"ledger.reason.conditions_met","args":["2026-10-12",5]}""");
        p.Status.ShouldBe(CommitmentStatus.Open);
        p.Terms.DueDate.ShouldBe(new DateOnly(2026, 10, 12));
        p.LapseAt.ShouldBe(CommitmentDeadlines.LapseInstant(new DateOnly(2026, 10, 12)));
        p.IsRunning.ShouldBeTrue();
    }

    [Fact]
    public void While_one_condition_is_still_unmet_or_the_date_needs_a_year_not_loaded_it_stays_condition_unmet()
    {
        var p = Conditional(CommitmentStatus.ConditionUnmet);
        p.ResumeOnConditions([Met(Production, "2026-07-15"), Open(TaxPerMu)], ShippedCalendar.Get(), 5).ShouldBeNull();
        p.ResumeOnConditions([Met(Production, "2026-07-15"), Met(TaxPerMu, "2026-12-28")], ShippedCalendar.Get(), 30).ShouldBeNull(); // into 2027
        p.Status.ShouldBe(CommitmentStatus.ConditionUnmet);
        p.Version.ShouldBe(4);
        Should.Throw<DomainException>(() => Conditional(CommitmentStatus.Open).ResumeOnConditions([], ShippedCalendar.Get(), 5));
    }

    [Fact]
    public void Resumed_and_undelivered_again_it_lapses_as_a_breach()
    {
        var p = Conditional(CommitmentStatus.ConditionUnmet);
        var met = new[] { Met(Production, "2026-07-15"), Met(TaxPerMu, "2026-09-29") };
        p.ResumeOnConditions(met, ShippedCalendar.Get(), 5);
        var change = p.Lapse(met);
        change.Event.ShouldBe("Lapsed");
        change.RaisesBreach.ShouldBeTrue();
    }

    [Fact]
    public void Made_before_2018_with_its_condition_unmet_it_neither_joins_the_list_nor_breaches_and_met_it_joins_the_list()
    {
        var unmet = Conditional(madeOn: new DateOnly(2017, 12, 31)).Lapse([Open(Production), Open(TaxPerMu)]);
        unmet.JoinsRemediation.ShouldBeFalse();
        unmet.RaisesBreach.ShouldBeFalse();

        var met = Conditional(madeOn: new DateOnly(2017, 12, 31)).Lapse([Met(Production, "2017-06-01"), Met(TaxPerMu, "2017-09-01")]);
        met.ShouldBe(new PromiseChange("Lapsed", """{"code":"ledger.reason.remediation","args":[]}""", JoinsRemediation: true));

        var metOnTheFirstDay = Conditional(madeOn: new DateOnly(2018, 1, 1)).Lapse([Met(Production, "2018-06-01"), Met(TaxPerMu, "2018-09-01")]);
        metOnTheFirstDay.RaisesBreach.ShouldBeTrue();
        metOnTheFirstDay.JoinsRemediation.ShouldBeFalse();
    }

    [Fact]
    public void Conditions_need_the_agreement_they_belong_to_and_are_kept_once_each()
    {
        Should.Throw<FieldRuleException>(() => Promise.Record(Guid.NewGuid(), Terms(), [], _ => "", agreementId: null, conditions: [Production])).Field.ShouldBe("AgreementId");
        var (p, _) = Promise.Record(Guid.NewGuid(), Terms(), [], _ => "", agreementId: Agreement, conditions: [Production, Production, TaxPerMu]);
        p.AgreementId.ShouldBe(Agreement);
        p.Conditions.ShouldBe([Production, TaxPerMu]);
        var (plain, _) = Promise.Record(Guid.NewGuid(), Terms(), [new AuthorityLimit(CommitmentKind.TaxRebate, null)], _ => "", agreementId: Agreement);
        plain.Conditions.ShouldBeEmpty();
        plain.Lapse().Event.ShouldBe("Lapsed");
    }

    [Fact]
    public void Satisfied_means_met_or_cured()
    {
        PromiseConditions.IsSatisfied("Met").ShouldBeTrue();
        PromiseConditions.IsSatisfied("Cured").ShouldBeTrue();
        PromiseConditions.IsSatisfied("Open").ShouldBeFalse();
        PromiseConditions.IsSatisfied("Missed").ShouldBeFalse();
    }
}
