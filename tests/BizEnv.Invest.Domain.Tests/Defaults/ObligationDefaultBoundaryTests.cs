using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Defaults;
using BizEnv.Invest.Domain.Tests.Calendar;

namespace BizEnv.Invest.Domain.Tests.Defaults;

/// <summary>
/// The edges of a default's rules: the cure period's range, idle land decided at the later of the cure end and two
/// years after the agreed start, each refusal named by field and code (amounts at zero, evidence, dates against the
/// notice and today), and every accepted step moving the version on by exactly one.
/// </summary>
public sealed class ObligationDefaultBoundaryTests
{
    private static readonly DateOnly Notice = new(2025, 3, 3);

    private static ObligationDefault Remedying(decimal? due)
    {
        var d = ObligationDefault.Open(Guid.NewGuid(), Guid.NewGuid(), Notice, new DefaultTerms(5, DefaultRemedy.RecoverSubsidy, new DateOnly(2024, 3, 1)), ShippedCalendar.Get());
        d.Decide(DefaultRules.EndOf(d.CureUntil), false, due).ShouldBe(DefaultStep.Remedied);
        return d;
    }

    private static (string Field, string Code) Refused(Action act)
    {
        var e = Should.Throw<FieldRuleException>(act);
        return (e.Field, e.Code);
    }

    [Fact]
    public void A_cure_period_runs_from_1_to_365_working_days()
    {
        var calendar = ShippedCalendar.Get();
        DefaultRules.CureUntil(calendar, Notice, 1).ShouldBe(new DateOnly(2025, 3, 4));
        DefaultRules.CureUntil(calendar, new DateOnly(2025, 1, 2), 365).ShouldBeGreaterThan(new DateOnly(2026, 1, 1));
        foreach (var days in new[] { 0, 366 })
            Should.Throw<DomainException>(() => DefaultRules.CureUntil(calendar, Notice, days)).Code.ShouldBe("default.cure_days_range");
    }

    [Fact]
    public void Idle_land_is_decided_at_the_later_of_the_cure_end_and_two_years_after_the_agreed_start()
    {
        var cureUntil = new DateOnly(2025, 3, 10);
        // Two years after the start fall on the very day after the cure day ends: the same instant either way.
        DefaultRules.DecidesAt(cureUntil, DefaultRemedy.TakeBackIdleLand, new DateOnly(2023, 3, 11)).ShouldBe(DefaultRules.EndOf(cureUntil));
        DefaultRules.DecidesAt(cureUntil, DefaultRemedy.TakeBackIdleLand, new DateOnly(2023, 3, 12)).ShouldBe(BeijingTime.StartOf(new DateOnly(2025, 3, 12)));
        DefaultRules.DecidesAt(cureUntil, DefaultRemedy.TakeBackIdleLand, new DateOnly(2023, 3, 1)).ShouldBe(DefaultRules.EndOf(cureUntil));
        DefaultRules.DecidesAt(cureUntil, DefaultRemedy.LiquidatedDamages, new DateOnly(2024, 12, 1)).ShouldBe(DefaultRules.EndOf(cureUntil));
    }

    [Fact]
    public void An_amount_due_of_zero_is_allowed_below_zero_is_not_and_each_accepted_change_moves_the_version_by_one()
    {
        var d = Remedying(null);
        var v = d.Version;
        d.SetAmountDue(0m, v).ShouldBe([DefaultStep.AmountSet]);
        (d.AmountDue, d.Version, d.IsOpen).ShouldBe(((decimal?)0m, v + 1, true));
        Refused(() => d.SetAmountDue(-0.01m, d.Version)).ShouldBe(("Amount", "field.not_negative"));
        d.Version.ShouldBe(v + 1);
        d.SetAmountDue(1_000m, d.Version);
        d.Version.ShouldBe(v + 2);
    }

    [Fact]
    public void A_recovery_needs_a_positive_amount_evidence_and_a_date_between_the_notice_and_today_and_moves_the_version_by_one()
    {
        var d = Remedying(1_000m);
        var today = new DateOnly(2025, 6, 30);
        Refused(() => d.Recover(0m, today, "回单", today, d.Version)).ShouldBe(("Amount", "default.recovery_amount_positive"));
        Refused(() => d.Recover(100m, today, " ", today, d.Version)).ShouldBe(("Evidence", "default.evidence_required"));
        Refused(() => d.Recover(100m, today.AddDays(1), "回单", today, d.Version)).ShouldBe(("ReceivedOn", "default.received_in_future"));
        Refused(() => d.Recover(100m, Notice.AddDays(-1), "回单", today, d.Version)).ShouldBe(("ReceivedOn", "default.received_before_notice"));
        var v = d.Version;
        d.Recover(0.01m, Notice, "回单", today, v).ShouldBe([DefaultStep.Recovered]);
        d.Recover(100m, today, "回单", today, v + 1).ShouldBe([DefaultStep.Recovered]);
        (d.AmountRecovered, d.Version).ShouldBe((100.01m, v + 2));
        d.Recover(899.99m, today, "回单", today, d.Version).ShouldBe([DefaultStep.Recovered, DefaultStep.Closed]);
        (d.Status, d.IsOpen, d.Version).ShouldBe((DefaultStatus.Recovered, false, v + 3));
    }

    [Fact]
    public void Closing_needs_a_reason_and_moves_the_version_by_one()
    {
        var d = Remedying(500m);
        var v = d.Version;
        Refused(() => d.Close(" ", v)).ShouldBe(("Reason", "default.close_reason_required"));
        d.Close("协议已解除，土地已收回", v);
        (d.Status, d.Version).ShouldBe((DefaultStatus.WrittenOff, v + 1));
        Should.Throw<DomainException>(() => d.Close("再次", v + 1)).Code.ShouldBe("default.closed");
    }
}
