using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Tests.Calendar;

namespace BizEnv.Invest.Domain.Tests.Commitments;

public sealed class CommitmentRulesTests
{
    private static readonly (CommitmentStatus From, CommitmentStatus To)[] AllowedPairs =
    [
        (CommitmentStatus.PendingApproval, CommitmentStatus.Open), (CommitmentStatus.PendingApproval, CommitmentStatus.Rejected),
        .. new[] { CommitmentStatus.Open, CommitmentStatus.InProgress, CommitmentStatus.PartlyFulfilled, CommitmentStatus.Extended }
            .SelectMany(from => new[] { CommitmentStatus.Fulfilled, CommitmentStatus.PartlyFulfilled, CommitmentStatus.Extended, CommitmentStatus.Cancelled, CommitmentStatus.Lapsed }
                .Select(to => (from, to))),
        (CommitmentStatus.Open, CommitmentStatus.InProgress), (CommitmentStatus.Extended, CommitmentStatus.InProgress),
    ];

    public static TheoryData<CommitmentStatus, CommitmentStatus> AllPairs()
    {
        var data = new TheoryData<CommitmentStatus, CommitmentStatus>();
        foreach (var from in Enum.GetValues<CommitmentStatus>())
            foreach (var to in Enum.GetValues<CommitmentStatus>())
                data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_transition_is_allowed_or_refused(CommitmentStatus from, CommitmentStatus to)
    {
        if (AllowedPairs.Contains((from, to)))
            Should.NotThrow(() => CommitmentLifecycle.EnsureCanMove(from, to));
        else
            Should.Throw<DomainException>(() => CommitmentLifecycle.EnsureCanMove(from, to)).Code
                .ShouldBe(CommitmentLifecycle.IsFinal(from) ? "commitment.final" : "commitment.transition_refused");
    }

    [Fact]
    public void The_2018_boundary_separates_breaches_from_the_remediation_list()
    {
        CommitmentDeadlines.LapseIsBreach(new DateOnly(2017, 12, 31)).ShouldBeFalse();
        CommitmentDeadlines.LapseIsBreach(new DateOnly(2018, 1, 1)).ShouldBeTrue();
    }

    [Fact]
    public void A_due_date_lasts_until_midnight_in_Beijing()
    {
        // Due 2026-11-20: lapses at 2026-11-21 00:00 +08:00 = 2026-11-20 16:00 UTC.
        CommitmentDeadlines.LapseInstant(new DateOnly(2026, 11, 20)).ShouldBe(new DateTimeOffset(2026, 11, 20, 16, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Warnings_fall_30_7_and_1_working_days_before_the_due_date_counting_holidays()
    {
        // Due Thu 2025-10-09, right after National Day: 1 working day before is Tue 30 Sep;
        // 7 before skips 1–8 Oct and counts Sun 28 Sep (worked): 30, 29, 28(Sun), 26, 25, 24, 23 → Tue 23 Sep.
        var dates = CommitmentDeadlines.WarningDates(ShippedCalendar.Get(), new DateOnly(2025, 10, 9)).ToDictionary(d => d.Days, d => d.On);
        dates[1].ShouldBe(new DateOnly(2025, 9, 30));
        dates[7].ShouldBe(new DateOnly(2025, 9, 23));
        dates[30].ShouldBe(ShippedCalendar.Get().SubtractWorkingDays(new DateOnly(2025, 10, 9), 30));
    }

    [Fact]
    public void Authority_needs_a_policy_basis_the_kind_and_enough_value()
    {
        AuthorityLimit[] limits = [new(CommitmentKind.Subsidy, 1_000_000m), new(CommitmentKind.Land, null)];
        AuthorityCheck.Evaluate(limits, CommitmentKind.Subsidy, 800_000m, true).Binding.ShouldBeTrue();
        AuthorityCheck.Evaluate(limits, CommitmentKind.Land, 99_000_000m, true).Binding.ShouldBeTrue();

        var tooMuch = AuthorityCheck.Evaluate(limits, CommitmentKind.Subsidy, 1_500_000m, true);
        tooMuch.Binding.ShouldBeFalse();
        tooMuch.ReasonCode.ShouldBe("authority.value_exceeds");
        tooMuch.ReasonArgs.ShouldBe([CommitmentKind.Subsidy, 1_500_000m, 1_000_000m]);
        AuthorityCheck.Evaluate(limits, CommitmentKind.TaxRebate, 1m, true).ReasonCode.ShouldBe("authority.kind_not_allowed");
        AuthorityCheck.Evaluate(limits, CommitmentKind.Land, 1m, false).ReasonCode.ShouldBe("authority.no_policy_basis");
    }

    [Fact]
    public void The_hash_chain_depends_on_every_field_and_the_previous_hash()
    {
        var at = new DateTimeOffset(2026, 11, 21, 1, 2, 3, TimeSpan.Zero).AddTicks(12345);
        var id = Guid.NewGuid();
        var h = LedgerHash.Compute(LedgerHash.Genesis, LedgerHash.Canonical(1, id, "Recorded", "officer", at, null, "{\"a\":1}"));
        LedgerHash.Compute(LedgerHash.Genesis, LedgerHash.Canonical(1, id, "Recorded", "officer", at, null, "{\"a\":2}")).ShouldNotBe(h);
        LedgerHash.Compute(LedgerHash.Genesis, LedgerHash.Canonical(1, id, "Recorded", "officer2", at, null, "{\"a\":1}")).ShouldNotBe(h);
        LedgerHash.Compute(h, LedgerHash.Canonical(1, id, "Recorded", "officer", at, null, "{\"a\":1}")).ShouldNotBe(h);
        // Microseconds are what PostgreSQL keeps: sub-microsecond ticks do not change the hash.
        LedgerHash.Compute(LedgerHash.Genesis, LedgerHash.Canonical(1, id, "Recorded", "officer", at.AddTicks(3), null, "{\"a\":1}")).ShouldBe(h);
    }
}
