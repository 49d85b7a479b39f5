using BizEnv.Invest.Domain.Agreements;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Domain.Tests.Agreements;

public sealed class AgreementTests
{
    private static readonly DateOnly Signed = new(2025, 3, 1);
    private static readonly DateOnly Today = new(2026, 11, 20);
    private static readonly AgreementHeader Header = new(" hc-tz-2025-01 ", "年产10GWh储能电池项目投资协议", "海川经开区管委会", "王总", Signed, 30);

    private static ObligationTerms Terms(ObligationKind kind, decimal? target = null, string? unit = null, DateOnly? due = null) =>
        new(kind, "说明", target, unit, due ?? new DateOnly(2026, 6, 30), 30, Remedy.RecoverSubsidy, null);

    [Fact]
    public void A_recorded_agreement_is_trimmed_and_its_obligations_checked_against_the_signing_date()
    {
        var (agreement, obligations) = Agreement.Record(Guid.NewGuid(), Guid.NewGuid(), Header,
            [(Guid.NewGuid(), Terms(ObligationKind.StartOfConstruction, 5m, "万元")), (Guid.NewGuid(), Terms(ObligationKind.Jobs, 300m, "人"))], Today);
        agreement.Header.Number.ShouldBe("HC-TZ-2025-01");
        agreement.Version.ShouldBe(1);
        obligations[0].Terms.Target.ShouldBeNull(); // a milestone has no target
        obligations[0].Terms.Unit.ShouldBeNull();
        obligations.ShouldAllBe(o => o.Status == ObligationStatus.Open && o.AgreementId == agreement.Id);

        Should.Throw<FieldRuleException>(() => Agreement.Record(Guid.NewGuid(), Guid.NewGuid(), Header, [], Today)).Code.ShouldBe("agreement.obligation_required");
        var early = Should.Throw<FieldRuleException>(() => Agreement.Record(Guid.NewGuid(), Guid.NewGuid(), Header,
            [(Guid.NewGuid(), Terms(ObligationKind.Jobs, 3m, "人")), (Guid.NewGuid(), Terms(ObligationKind.Jobs, 3m, "人", Signed.AddDays(-1)))], Today));
        early.Code.ShouldBe("obligation.due_before_signed");
        early.Field.ShouldBe("Obligations[1].DueDate");
        Should.Throw<FieldRuleException>(() => Agreement.Record(Guid.NewGuid(), Guid.NewGuid(), Header with { SignedOn = Today.AddDays(1) },
            [(Guid.NewGuid(), Terms(ObligationKind.Production))], Today)).Code.ShouldBe("agreement.signed_in_future");
        Should.Throw<FieldRuleException>(() => Agreement.Record(Guid.NewGuid(), Guid.NewGuid(), Header with { ConditionPaymentDays = 0 },
            [(Guid.NewGuid(), Terms(ObligationKind.Production))], Today)).Code.ShouldBe("agreement.payment_days_range");
    }

    [Theory]
    [InlineData(ObligationKind.Jobs, null, "人", "obligation.target_required")]
    [InlineData(ObligationKind.Jobs, "0", "人", "obligation.target_required")]
    [InlineData(ObligationKind.Jobs, "10", "万元", "obligation.unit_not_allowed")]
    [InlineData(ObligationKind.TaxPerMu, "30", "万元", "obligation.unit_not_allowed")]
    [InlineData(ObligationKind.FixedAssetInvestment, "30", "", "obligation.unit_required")]
    [InlineData(ObligationKind.Other, "30", null, "obligation.unit_required")]
    public void A_measured_obligation_needs_a_target_in_one_of_its_units(ObligationKind kind, string? target, string? unit, string code) =>
        Should.Throw<FieldRuleException>(() => Terms(kind, target is null ? null : decimal.Parse(target), unit).Checked(Signed)).Code.ShouldBe(code);

    [Fact]
    public void Other_names_its_own_unit_and_the_cure_period_is_bounded()
    {
        Terms(ObligationKind.Other, 12m, "项").Checked(Signed).Unit.ShouldBe("项");
        Should.Throw<FieldRuleException>(() => (Terms(ObligationKind.Production) with { CureDays = 0 }).Checked(Signed)).Code.ShouldBe("obligation.cure_days_range");
        Should.Throw<FieldRuleException>(() => (Terms(ObligationKind.Production) with { Description = " " }).Checked(Signed)).Code.ShouldBe("obligation.description_required");
    }

    [Fact]
    public void The_header_is_edited_from_the_version_seen_and_cannot_be_signed_after_an_obligation_falls_due()
    {
        var (agreement, obligations) = Agreement.Record(Guid.NewGuid(), Guid.NewGuid(), Header, [(Guid.NewGuid(), Terms(ObligationKind.Production))], Today);
        var edited = agreement.EditHeader(Header with { Title = "新标题" }, 1, Today, obligations);
        edited.Version.ShouldBe(2);
        edited.Header.Title.ShouldBe("新标题");
        Should.Throw<VersionConflictException>(() => edited.EditHeader(Header, 1, Today, obligations));
        Should.Throw<FieldRuleException>(() => edited.EditHeader(Header with { SignedOn = new DateOnly(2026, 7, 1) }, 2, Today, obligations))
            .Code.ShouldBe("agreement.signed_after_due");
    }
}

public sealed class ObligationTests
{
    private static readonly DateOnly Due = new(2026, 6, 30);
    // 2026-06-30 ends at 2026-06-30T16:00Z (00:00 on 1 July in Beijing).
    private static readonly DateTimeOffset DueEnd = new(2026, 6, 30, 16, 0, 0, TimeSpan.Zero);

    private static Obligation Of(ObligationKind kind, decimal? target = null, string? unit = null) =>
        Obligation.New(Guid.NewGuid(), Guid.NewGuid(), new ObligationTerms(kind, "说明", target, unit, Due, 30, Remedy.ReduceRebate, null).Checked(new DateOnly(2025, 1, 1)));

    private static ProgressReading Entered(decimal value, DateOnly asOf) => new(value, null, asOf, "税务证明", ProgressSource.Entered);

    [Fact]
    public void The_due_date_ends_at_midnight_in_Beijing_and_is_missed_exactly_once()
    {
        var o = Of(ObligationKind.TaxPerMu, 30m, "万元/亩/年");
        o.MissAt.ShouldBe(DueEnd);
        o.Miss(DueEnd.AddTicks(-1)).ShouldBeNull();
        var (missed, change) = o.Miss(DueEnd)!.Value;
        missed.Status.ShouldBe(ObligationStatus.Missed);
        change.Event.ShouldBe("Obligation.Missed");
        change.SettlesStatus.ShouldBeTrue();
        missed.Miss(DueEnd.AddDays(1)).ShouldBeNull();
        missed.NextDeadline.ShouldBeNull();
    }

    [Fact]
    public void A_target_reached_by_the_due_date_is_met_on_the_day_it_was_reached()
    {
        var o = Of(ObligationKind.TaxPerMu, 30m, "万元/亩/年");
        var (partly, changes) = o.Apply(Entered(12m, new DateOnly(2026, 3, 1)), DueEnd.AddDays(-100), new DateOnly(2026, 3, 22))!.Value;
        partly.Status.ShouldBe(ObligationStatus.Open);
        partly.Progress.ShouldBe(12m);
        changes.Select(c => c.Event).ShouldBe(["Obligation.Progress"]);

        var (met, more) = partly.Apply(Entered(31m, Due), DueEnd.AddHours(-1), Due)!.Value;
        met.Status.ShouldBe(ObligationStatus.Met);
        met.MetOn.ShouldBe(Due);
        more.Select(c => c.Event).ShouldBe(["Obligation.Progress", "Obligation.Met"]);
        met.Version.ShouldBe(3);
        // Met is final; a lower figure later is kept, the status stays.
        met.Apply(Entered(10m, Due.AddDays(5)), DueEnd.AddDays(5), Due.AddDays(5))!.Value.After.Status.ShouldBe(ObligationStatus.Met);
    }

    [Fact]
    public void A_figure_proving_the_target_was_reached_in_time_meets_it_even_when_entered_after_the_day_ended()
    {
        var (met, changes) = Of(ObligationKind.Jobs, 300m, "人").Apply(Entered(300m, Due.AddDays(-2)), DueEnd.AddDays(3), Due.AddDays(3))!.Value;
        met.Status.ShouldBe(ObligationStatus.Met);
        changes.Select(c => c.Event).ShouldBe(["Obligation.Progress", "Obligation.Met"]);
    }

    [Fact]
    public void Reached_after_the_miss_it_is_cured_and_a_late_figure_first_marks_the_miss()
    {
        var o = Of(ObligationKind.AnnualOutput, 50_000m, "万元");
        var (cured, changes) = o.Apply(Entered(60_000m, Due.AddDays(10)), DueEnd.AddDays(10), Due.AddDays(10))!.Value;
        changes.Select(c => c.Event).ShouldBe(["Obligation.Missed", "Obligation.Progress", "Obligation.Cured"]);
        cured.Status.ShouldBe(ObligationStatus.Cured);
        cured.MetOn.ShouldBe(Due.AddDays(10));
        cured.IsSatisfied.ShouldBeTrue();
        cured.Version.ShouldBe(2);

        var (missed, _) = o.Miss(DueEnd)!.Value;
        var (still, _) = missed.Apply(Entered(100m, Due.AddDays(3)), DueEnd.AddDays(3), Due.AddDays(3))!.Value;
        still.Status.ShouldBe(ObligationStatus.Missed);
        still.MetOn.ShouldBeNull();
    }

    [Fact]
    public void Entered_figures_need_evidence_a_value_and_a_date_not_in_the_future_and_milestones_and_investment_come_from_the_project()
    {
        var jobs = Of(ObligationKind.Jobs, 300m, "人");
        Should.Throw<FieldRuleException>(() => jobs.Apply(Entered(10m, Due) with { Evidence = " " }, DueEnd.AddDays(-9), Due)).Code.ShouldBe("obligation.evidence_required");
        Should.Throw<FieldRuleException>(() => jobs.Apply(Entered(10m, Due) with { Value = null }, DueEnd.AddDays(-9), Due)).Code.ShouldBe("obligation.progress_value_required");
        Should.Throw<FieldRuleException>(() => jobs.Apply(Entered(10m, Due.AddDays(1)), DueEnd.AddDays(-9), Due)).Code.ShouldBe("obligation.progress_in_future");
        Should.Throw<DomainException>(() => Of(ObligationKind.Production).Apply(Entered(1m, Due), DueEnd.AddDays(-9), Due)).Code.ShouldBe("obligation.progress_from_project");
        Should.Throw<DomainException>(() => Of(ObligationKind.FixedAssetInvestment, 1m, "万元").Apply(Entered(1m, Due), DueEnd.AddDays(-9), Due))
            .Code.ShouldBe("obligation.progress_from_project");
    }

    [Fact]
    public void A_milestone_is_met_by_the_projects_stage_date_and_a_repeated_reading_changes_nothing()
    {
        var start = Of(ObligationKind.StartOfConstruction);
        var stages = new[] { new StageReached(ProjectStage.Signed, new DateOnly(2025, 5, 1)), new StageReached(ProjectStage.Started, new DateOnly(2026, 5, 10)) };
        var reading = ProjectProgress.For(start.Terms, stages, [], Due)!;
        reading.ReachedOn.ShouldBe(new DateOnly(2026, 5, 10));
        var (met, _) = start.Apply(reading, DueEnd.AddDays(-30), Due)!.Value;
        met.Status.ShouldBe(ObligationStatus.Met);
        met.MetOn.ShouldBe(new DateOnly(2026, 5, 10));
        met.Apply(reading, DueEnd.AddDays(-20), Due).ShouldBeNull();

        // Production not reached: the project says nothing; a project in production has started too.
        ProjectProgress.For(Of(ObligationKind.Production).Terms, stages, [], Due).ShouldBeNull();
        ProjectProgress.For(start.Terms, [new StageReached(ProjectStage.InProduction, new DateOnly(2026, 7, 2))], [], Due.AddDays(9))!.ReachedOn
            .ShouldBe(new DateOnly(2026, 7, 2));
        var (late, changes) = start.Apply(ProjectProgress.For(start.Terms, [new StageReached(ProjectStage.Started, new DateOnly(2026, 7, 2))], [], Due.AddDays(9))!,
            DueEnd.AddDays(9), Due.AddDays(9))!.Value;
        late.Status.ShouldBe(ObligationStatus.Cured);
        changes.Select(c => c.Event).ShouldBe(["Obligation.Missed", "Obligation.Progress", "Obligation.Cured"]);
    }

    [Fact]
    public void Fixed_asset_investment_is_the_sum_of_daozi_in_the_obligations_unit_reached_when_the_running_sum_crossed_the_target()
    {
        var fai = Of(ObligationKind.FixedAssetInvestment, 5_000m, "万元"); // 5,000 万元 = 50,000,000 元
        InvestmentInPlace[] money = [new(new DateOnly(2026, 1, 10), 20_000_000m), new(new DateOnly(2026, 4, 2), 30_000_000m), new(new DateOnly(2026, 5, 1), 1_234_567m)];
        var reading = ProjectProgress.For(fai.Terms, [], money, Due)!;
        reading.Value.ShouldBe(5_123.46m);
        reading.ReachedOn.ShouldBe(new DateOnly(2026, 4, 2));
        var (met, _) = fai.Apply(reading, DueEnd.AddDays(-50), Due)!.Value;
        met.MetOn.ShouldBe(new DateOnly(2026, 4, 2));

        var partial = ProjectProgress.For(fai.Terms, [], money[..1], Due)!;
        partial.Value.ShouldBe(2_000m);
        partial.ReachedOn.ShouldBeNull();
        fai.Apply(partial, DueEnd.AddDays(-50), Due)!.Value.After.Status.ShouldBe(ObligationStatus.Open);
        ProjectProgress.For(Of(ObligationKind.FixedAssetInvestment, 1m, "元").Terms, [], money[..1], Due)!.Value.ShouldBe(20_000_000m);
        ProjectProgress.For(fai.Terms, [], [], Due).ShouldBeNull();
        ProjectProgress.For(Of(ObligationKind.Jobs, 3m, "人").Terms, [], money, Due).ShouldBeNull();
    }
}
