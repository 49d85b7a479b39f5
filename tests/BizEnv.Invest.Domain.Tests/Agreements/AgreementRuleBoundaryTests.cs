using BizEnv.Invest.Domain.Agreements;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Domain.Tests.Agreements;

/// <summary>
/// The edges of the agreement's rules, each named by the field and the code a form shows: blank and too long texts at
/// their exact limits, the signing date against today, the working-day ranges, amounts at their bounds, the units each
/// kind allows, and what the project's own records say (earliest stage date, nothing dated after today).
/// </summary>
public sealed class AgreementRuleBoundaryTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static AgreementHeader Header(string number = "hc-tz-2026-001", string title = "投资协议", string gov = "李主任", string inv = "王总",
        DateOnly? signed = null, int days = 30) => new(number, title, gov, inv, signed ?? Today, days);

    /// <summary>The refusal as a form shows it: the field, the code and its arguments (joined, to compare by value).</summary>
    private static (string Field, string Code, string Args) Refusal(Action act)
    {
        var e = Should.Throw<FieldRuleException>(act);
        return (e.Field, e.Code, string.Join("|", e.Args));
    }

    [Fact]
    public void A_header_is_trimmed_and_its_number_upper_cased_and_each_blank_field_is_named()
    {
        var h = Header(number: "  hc-tz-2026-001 ", title: " 投资协议 ", gov: " 李主任 ", inv: " 王总 ").Checked(Today);
        (h.Number, h.Title, h.GovernmentSignatory, h.InvestorSignatory).ShouldBe(("HC-TZ-2026-001", "投资协议", "李主任", "王总"));
        Refusal(() => Header(number: " ").Checked(Today)).ShouldBe(("Number", "agreement.number_required", ""));
        Refusal(() => Header(title: "").Checked(Today)).ShouldBe(("Title", "agreement.title_required", ""));
        Refusal(() => Header(gov: " ").Checked(Today)).ShouldBe(("GovernmentSignatory", "agreement.signatory_required", ""));
        Refusal(() => Header(inv: "").Checked(Today)).ShouldBe(("InvestorSignatory", "agreement.signatory_required", ""));
    }

    [Theory]
    [InlineData("Number", 60)]
    [InlineData("Title", 200)]
    [InlineData("GovernmentSignatory", 100)]
    [InlineData("InvestorSignatory", 100)]
    public void A_header_text_may_be_as_long_as_its_limit_and_not_one_character_more(string field, int max)
    {
        AgreementHeader With(int length)
        {
            var text = new string('A', length);
            return field switch
            {
                "Number" => Header(number: text), "Title" => Header(title: text), "GovernmentSignatory" => Header(gov: text), _ => Header(inv: text),
            };
        }
        With(max).Checked(Today).ShouldNotBeNull();
        Refusal(() => With(max + 1).Checked(Today)).ShouldBe((field, "field.too_long", $"{max}"));
    }

    [Fact]
    public void Signed_today_is_fine_signed_tomorrow_is_not_and_the_payment_rule_runs_from_1_to_365_working_days()
    {
        Header(signed: Today).Checked(Today).SignedOn.ShouldBe(Today);
        Refusal(() => Header(signed: Today.AddDays(1)).Checked(Today)).ShouldBe(("SignedOn", "agreement.signed_in_future", ""));
        Header(days: 1).Checked(Today).ConditionPaymentDays.ShouldBe(1);
        Header(days: 365).Checked(Today).ConditionPaymentDays.ShouldBe(365);
        foreach (var days in new[] { 0, 366 })
            Refusal(() => Header(days: days).Checked(Today)).ShouldBe(("ConditionPaymentDays", "agreement.payment_days_range", ""));
    }

    private static ObligationTerms Terms(ObligationKind kind = ObligationKind.Jobs, string description = "新增就业200人", decimal? target = 200m, string? unit = "人",
        DateOnly? due = null, int cure = 30, decimal? remedyAmount = null) =>
        new(kind, description, target, unit, due ?? Today.AddYears(1), cure, Remedy.RecoverSubsidy, remedyAmount);

    [Fact]
    public void An_obligations_description_due_date_cure_period_and_remedy_amount_have_exact_bounds_named_with_the_rows_prefix()
    {
        Terms(description: new string('就', 500)).Checked(Today).Description.Length.ShouldBe(500);
        Refusal(() => Terms(description: new string('就', 501)).Checked(Today, "Obligations[1].")).ShouldBe(("Obligations[1].Description", "field.too_long", $"{500}"));
        Refusal(() => Terms(description: " ").Checked(Today, "Obligations[0].")).ShouldBe(("Obligations[0].Description", "obligation.description_required", ""));
        Terms(due: Today).Checked(Today).DueDate.ShouldBe(Today);
        Refusal(() => Terms(due: Today.AddDays(-1)).Checked(Today)).ShouldBe(("DueDate", "obligation.due_before_signed", $"{Today}"));
        Terms(cure: 1).Checked(Today).CureDays.ShouldBe(1);
        Terms(cure: 365).Checked(Today).CureDays.ShouldBe(365);
        foreach (var cure in new[] { 0, 366 })
            Refusal(() => Terms(cure: cure).Checked(Today)).ShouldBe(("CureDays", "obligation.cure_days_range", ""));
        Terms(remedyAmount: 0m).Checked(Today).RemedyAmount.ShouldBe(0m);
        Terms(remedyAmount: ObligationTerms.MaxAmount).Checked(Today).RemedyAmount.ShouldBe(ObligationTerms.MaxAmount);
        foreach (var amount in new[] { -0.01m, ObligationTerms.MaxAmount + 0.01m })
            Refusal(() => Terms(remedyAmount: amount).Checked(Today)).Field.ShouldBe("RemedyAmount");
    }

    [Fact]
    public void A_target_is_above_zero_and_at_most_the_largest_amount_rounded_to_the_fen_and_a_milestone_keeps_none()
    {
        Terms(target: 0.004m + 200m).Checked(Today).Target.ShouldBe(200m);
        Terms(target: ObligationTerms.MaxAmount).Checked(Today).Target.ShouldBe(ObligationTerms.MaxAmount);
        Refusal(() => Terms(target: 0m).Checked(Today)).ShouldBe(("Target", "obligation.target_required", ""));
        Refusal(() => Terms(target: null).Checked(Today)).Code.ShouldBe("obligation.target_required");
        Refusal(() => Terms(target: ObligationTerms.MaxAmount + 1m).Checked(Today)).ShouldBe(("Target", "field.amount_too_large", ""));
        var milestone = Terms(ObligationKind.StartOfConstruction, target: 5m, unit: "人").Checked(Today);
        (milestone.Target, milestone.Unit).ShouldBe((null, null));
    }

    [Theory]
    [InlineData(ObligationKind.FixedAssetInvestment)]
    [InlineData(ObligationKind.RegisteredCapital)]
    [InlineData(ObligationKind.AnnualOutput)]
    [InlineData(ObligationKind.RnDSpending)]
    public void Money_kinds_take_wan_or_yuan_and_nothing_else(ObligationKind kind)
    {
        Terms(kind, unit: "万元").Checked(Today).Unit.ShouldBe("万元");
        Terms(kind, unit: " 元 ").Checked(Today).Unit.ShouldBe("元");
        Refusal(() => Terms(kind, unit: "人").Checked(Today)).ShouldBe(("Unit", "obligation.unit_not_allowed", "万元、元"));
        Refusal(() => Terms(kind, unit: " ").Checked(Today)).ShouldBe(("Unit", "obligation.unit_required", ""));
    }

    [Fact]
    public void Another_kind_names_its_own_unit_of_at_most_twenty_characters()
    {
        Terms(ObligationKind.Other, unit: new string('吨', ObligationKinds.MaxUnitLength)).Checked(Today).Unit!.Length.ShouldBe(ObligationKinds.MaxUnitLength);
        Refusal(() => Terms(ObligationKind.Other, unit: new string('吨', ObligationKinds.MaxUnitLength + 1)).Checked(Today))
            .ShouldBe(("Unit", "field.too_long", $"{ObligationKinds.MaxUnitLength}"));
    }

    [Fact]
    public void A_milestone_is_reached_on_the_earliest_stage_date_production_implies_the_start_and_nothing_is_dated_after_today()
    {
        var start = Terms(ObligationKind.StartOfConstruction).Checked(Today);
        var stages = new[] { new StageReached(ProjectStage.Started, new DateOnly(2026, 9, 1)), new StageReached(ProjectStage.Started, new DateOnly(2026, 8, 1)) };
        var read = ProjectProgress.For(start, stages, [], Today)!;
        (read.ReachedOn, read.AsOf, read.Source, read.Value).ShouldBe((new DateOnly(2026, 8, 1), new DateOnly(2026, 8, 1), ProgressSource.Project, (decimal?)null));
        read.Evidence.ShouldContain("obligation.evidence_stage");

        var viaProduction = ProjectProgress.For(start, [new(ProjectStage.InProduction, new DateOnly(2026, 10, 5)), new(ProjectStage.InProduction, new DateOnly(2026, 10, 1))], [], Today)!;
        viaProduction.ReachedOn.ShouldBe(new DateOnly(2026, 10, 1));
        ProjectProgress.For(Terms(ObligationKind.Production).Checked(Today), [new(ProjectStage.Started, new DateOnly(2026, 10, 1))], [], Today).ShouldBeNull();

        var ahead = ProjectProgress.For(start, [new(ProjectStage.Started, Today.AddDays(3))], [], Today)!;
        (ahead.ReachedOn, ahead.AsOf).ShouldBe((Today.AddDays(3), Today));
    }

    [Fact]
    public void Fixed_asset_investment_sums_daozi_in_the_obligations_unit_reached_on_the_day_it_crosses_and_read_as_of_the_last_entry_not_after_today()
    {
        var fai = Terms(ObligationKind.FixedAssetInvestment, target: 500m, unit: "万元").Checked(Today);
        InvestmentInPlace Wan(int month, decimal wan) => new(new DateOnly(2026, month, 1), wan * 10_000m);
        var read = ProjectProgress.For(fai, [], [Wan(9, 300), Wan(6, 100), Wan(10, 150)], Today)!;
        (read.Value, read.ReachedOn, read.AsOf).ShouldBe(((decimal?)550m, (DateOnly?)new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 1)));
        read.Evidence.ShouldContain("obligation.evidence_investment");
        ProjectProgress.For(fai, [], [Wan(6, 100)], Today)!.ReachedOn.ShouldBeNull();
        ProjectProgress.For(fai, [], [new InvestmentInPlace(Today.AddDays(2), 1m)], Today)!.AsOf.ShouldBe(Today);
        ProjectProgress.For(fai, [], [], Today).ShouldBeNull();
        ProjectProgress.For(Terms(ObligationKind.Jobs).Checked(Today), [], [Wan(6, 100)], Today).ShouldBeNull();
    }
}
