using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Defaults;
using BizEnv.Invest.Domain.Tests.Calendar;

namespace BizEnv.Invest.Domain.Tests.Defaults;

/// <summary>
/// A default 违约追偿: the cure period on the shipped working-day calendar (2025's Spring Festival and
/// National Day holidays with their 调休 make-up days), the decision at the end of the cure day, idle
/// land's two years, recoveries until the amount due, and an officer's close with a reason.
/// </summary>
public sealed class ObligationDefaultTests
{
    private static readonly DateOnly Start = new(2024, 3, 1);

    private static ObligationDefault Opened(DateOnly notice, int cureDays = 5, DefaultRemedy remedy = DefaultRemedy.RecoverSubsidy, DateOnly? agreedStart = null) =>
        ObligationDefault.Open(Guid.NewGuid(), Guid.NewGuid(), notice, new DefaultTerms(cureDays, remedy, agreedStart ?? Start), ShippedCalendar.Get());

    private static ObligationDefault Remedying(decimal? due)
    {
        var d = Opened(new DateOnly(2025, 3, 3));
        d.Decide(DefaultRules.EndOf(d.CureUntil), false, due).ShouldBe(DefaultStep.Remedied);
        return d;
    }

    [Theory]
    // Spring Festival 2025: holiday 28 Jan–4 Feb, Sun 26 Jan and Sat 8 Feb worked.
    [InlineData("2025-01-24", 1, "2025-01-26")] // the make-up Sunday counts
    [InlineData("2025-01-24", 2, "2025-01-27")]
    [InlineData("2025-01-24", 3, "2025-02-05")] // the holiday week does not
    [InlineData("2025-01-24", 5, "2025-02-07")]
    [InlineData("2025-01-24", 6, "2025-02-08")] // the make-up Saturday counts
    // National Day 2025: holiday 1–8 Oct, Sun 28 Sep and Sat 11 Oct worked.
    [InlineData("2025-09-26", 1, "2025-09-28")]
    [InlineData("2025-09-26", 3, "2025-09-30")]
    [InlineData("2025-09-26", 4, "2025-10-09")]
    [InlineData("2025-09-26", 6, "2025-10-11")]
    [InlineData("2025-09-30", 1, "2025-10-09")] // a notice on the eve of the holiday
    // An ordinary fortnight: weekends out.
    [InlineData("2025-03-07", 10, "2025-03-21")]
    public void The_cure_period_counts_working_days_after_the_notice_on_the_calendar(string notice, int days, string until)
    {
        var d = Opened(DateOnly.Parse(notice), days);
        d.CureUntil.ShouldBe(DateOnly.Parse(until));
        d.Status.ShouldBe(DefaultStatus.Noticed);
        // It ends at the end of that day in Beijing: 16:00 UTC.
        d.DecidesAt.ShouldBe(new DateTimeOffset(DateOnly.Parse(until).ToDateTime(new TimeOnly(16, 0)), TimeSpan.Zero));
    }

    [Fact]
    public void A_cure_period_running_into_a_year_not_loaded_is_refused_and_cure_days_must_be_sane()
    {
        Should.Throw<DomainException>(() => Opened(new DateOnly(2026, 12, 20), 30)).Code.ShouldBe("calendar.year_not_loaded");
        Should.Throw<DomainException>(() => Opened(new DateOnly(2025, 3, 3), 0)).Code.ShouldBe("default.cure_days_range");
        Should.Throw<DomainException>(() => Opened(new DateOnly(2025, 3, 3), 366)).Code.ShouldBe("default.cure_days_range");
    }

    [Fact]
    public void Nothing_is_decided_before_the_end_of_the_cure_day()
    {
        var d = Opened(new DateOnly(2025, 1, 24), 5);
        var end = DefaultRules.EndOf(new DateOnly(2025, 2, 7));
        d.Decide(end.AddSeconds(-1), false, 100m).ShouldBeNull();
        d.Status.ShouldBe(DefaultStatus.Noticed);
        d.Version.ShouldBe(1);
        d.Decide(end, false, 100m).ShouldBe(DefaultStep.Remedied);
    }

    [Fact]
    public void An_obligation_satisfied_by_the_end_of_the_cure_day_closes_the_default_as_cured_and_a_repeated_tick_changes_nothing()
    {
        var d = Opened(new DateOnly(2025, 9, 26), 4);
        var end = DefaultRules.EndOf(d.CureUntil);
        d.Decide(end, true, 500_000m).ShouldBe(DefaultStep.Cured);
        d.Status.ShouldBe(DefaultStatus.Cured);
        d.IsOpen.ShouldBeFalse();
        d.AmountDue.ShouldBeNull();
        d.Decide(end.AddDays(1), false, 500_000m).ShouldBeNull();
        d.Status.ShouldBe(DefaultStatus.Cured);
        d.Version.ShouldBe(2);
    }

    [Fact]
    public void An_uncured_obligation_runs_the_remedy_with_the_agreed_amount_or_waits_for_one_to_be_entered()
    {
        var fixedAmount = Remedying(2_000_000m);
        fixedAmount.Status.ShouldBe(DefaultStatus.Remedying);
        fixedAmount.AmountDue.ShouldBe(2_000_000m);
        fixedAmount.IsOpen.ShouldBeTrue();

        var entered = Remedying(null);
        entered.AmountDue.ShouldBeNull();
        entered.SetAmountDue(300_000m, entered.Version).ShouldBe([DefaultStep.AmountSet]);
        entered.AmountDue.ShouldBe(300_000m);
    }

    [Fact]
    public void Idle_land_is_taken_back_only_two_years_after_the_agreed_start()
    {
        // Cure ends 2025-02-07, the land has lain idle two years only from 2026-03-01: the decision waits for that day.
        var d = Opened(new DateOnly(2025, 1, 24), 5, DefaultRemedy.TakeBackIdleLand, new DateOnly(2024, 3, 1));
        d.DecidesAt.ShouldBe(BeijingTime.StartOf(new DateOnly(2026, 3, 1)));
        d.Decide(DefaultRules.EndOf(d.CureUntil), false, null).ShouldBeNull();
        d.Decide(BeijingTime.StartOf(new DateOnly(2026, 3, 1)), false, null).ShouldBe(DefaultStep.Remedied);

        // Started long ago: the cure day decides as for any remedy.
        var old = Opened(new DateOnly(2025, 1, 24), 5, DefaultRemedy.TakeBackIdleLand, new DateOnly(2022, 1, 10));
        old.DecidesAt.ShouldBe(DefaultRules.EndOf(new DateOnly(2025, 2, 7)));
        // Other remedies never wait for the land.
        Opened(new DateOnly(2025, 1, 24), 5, DefaultRemedy.LiquidatedDamages, new DateOnly(2024, 3, 1)).DecidesAt.ShouldBe(DefaultRules.EndOf(new DateOnly(2025, 2, 7)));
    }

    [Fact]
    public void Recoveries_with_evidence_add_up_until_the_amount_due_is_reached_and_then_close_the_default()
    {
        var d = Remedying(1_000_000m);
        var today = new DateOnly(2025, 6, 1);
        d.Recover(400_000m, today, "银行回单 1", today, d.Version).ShouldBe([DefaultStep.Recovered]);
        d.AmountRecovered.ShouldBe(400_000m);
        d.IsOpen.ShouldBeTrue();
        d.Recover(600_000m, today, "银行回单 2", today, d.Version).ShouldBe([DefaultStep.Recovered, DefaultStep.Closed]);
        d.Status.ShouldBe(DefaultStatus.Recovered);
        d.AmountRecovered.ShouldBe(1_000_000m);
        Should.Throw<DomainException>(() => d.Recover(1m, today, "x", today, d.Version)).Code.ShouldBe("default.closed");
    }

    [Fact]
    public void A_recovery_is_refused_without_evidence_a_positive_amount_a_sensible_date_or_a_remedy_run_and_at_a_stale_version()
    {
        var today = new DateOnly(2025, 6, 1);
        var d = Remedying(1_000_000m);
        Should.Throw<FieldRuleException>(() => d.Recover(0m, today, "回单", today, d.Version)).Code.ShouldBe("default.recovery_amount_positive");
        Should.Throw<FieldRuleException>(() => d.Recover(1m, today, " ", today, d.Version)).Code.ShouldBe("default.evidence_required");
        Should.Throw<FieldRuleException>(() => d.Recover(1m, today.AddDays(1), "回单", today, d.Version)).Code.ShouldBe("default.received_in_future");
        Should.Throw<FieldRuleException>(() => d.Recover(1m, d.NoticeDate.AddDays(-1), "回单", today, d.Version)).Field.ShouldBe("ReceivedOn");
        Should.Throw<VersionConflictException>(() => d.Recover(1m, today, "回单", today, d.Version - 1));
        d.AmountRecovered.ShouldBe(0m);

        var noticed = Opened(new DateOnly(2025, 3, 3));
        Should.Throw<DomainException>(() => noticed.Recover(1m, today, "回单", today, noticed.Version)).Code.ShouldBe("default.not_remedying");
        Should.Throw<DomainException>(() => noticed.SetAmountDue(1m, noticed.Version)).Code.ShouldBe("default.not_remedying");
    }

    [Fact]
    public void The_amount_due_is_never_set_below_what_was_recovered_and_setting_it_to_what_was_recovered_closes_the_default()
    {
        var today = new DateOnly(2025, 6, 1);
        var d = Remedying(null);
        d.Recover(50_000m, today, "回单", today, d.Version).ShouldBe([DefaultStep.Recovered]); // nothing due yet: stays open
        d.IsOpen.ShouldBeTrue();
        Should.Throw<FieldRuleException>(() => d.SetAmountDue(40_000m, d.Version)).Code.ShouldBe("default.amount_below_recovered");
        Should.Throw<FieldRuleException>(() => d.SetAmountDue(-1m, d.Version)).Code.ShouldBe("field.not_negative");
        d.SetAmountDue(50_000m, d.Version).ShouldBe([DefaultStep.AmountSet, DefaultStep.Closed]);
        d.Status.ShouldBe(DefaultStatus.Recovered);
    }

    [Fact]
    public void An_officer_closes_an_open_default_with_a_reason_and_only_once()
    {
        var d = Remedying(0m); // land taken back: no money due, nothing closes it but the officer
        d.Recover(1m, new DateOnly(2025, 6, 1), "x", new DateOnly(2025, 6, 1), d.Version);
        d.IsOpen.ShouldBeTrue();
        Should.Throw<FieldRuleException>(() => d.Close("  ", d.Version)).Code.ShouldBe("default.close_reason_required");
        d.Close("土地已收回", d.Version);
        d.Status.ShouldBe(DefaultStatus.WrittenOff);
        Should.Throw<DomainException>(() => d.Close("again", d.Version)).Code.ShouldBe("default.closed");

        var noticed = Opened(new DateOnly(2025, 3, 3));
        noticed.Close("协议解除", noticed.Version);
        noticed.Status.ShouldBe(DefaultStatus.WrittenOff);
        noticed.Decide(DefaultRules.EndOf(noticed.CureUntil), false, 1m).ShouldBeNull();
    }
}
