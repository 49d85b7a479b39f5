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
            .SelectMany(from => new[] { CommitmentStatus.Fulfilled, CommitmentStatus.PartlyFulfilled, CommitmentStatus.Extended, CommitmentStatus.Cancelled, CommitmentStatus.Lapsed,
                    CommitmentStatus.ConditionUnmet }
                .Select(to => (from, to))),
        (CommitmentStatus.ConditionUnmet, CommitmentStatus.Open), (CommitmentStatus.ConditionUnmet, CommitmentStatus.Cancelled),
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
        var dates = PromiseDeadlines.WarningSchedule(ShippedCalendar.Get(), new DateOnly(2025, 10, 9)).ToDictionary(d => d.Days, d => d.On);
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
    public void A_promise_held_for_want_of_a_basis_or_a_kind_is_not_binding()
    {
        AuthorityLimit[] limits = [new(CommitmentKind.Land, null)];
        var noBasis = AuthorityCheck.Evaluate(limits, CommitmentKind.Land, 1m, false);
        noBasis.Binding.ShouldBeFalse();
        noBasis.ReasonArgs.ShouldBeEmpty();
        var noKind = AuthorityCheck.Evaluate(limits, CommitmentKind.TaxRebate, 1m, true);
        noKind.Binding.ShouldBeFalse();
        noKind.ReasonArgs.ShouldBe([CommitmentKind.TaxRebate]);
    }

    [Fact]
    public void A_value_exactly_at_the_limit_binds_and_one_fen_more_does_not()
    {
        AuthorityLimit[] limits = [new(CommitmentKind.Subsidy, 1_000_000m)];
        var atLimit = AuthorityCheck.Evaluate(limits, CommitmentKind.Subsidy, 1_000_000m, true);
        atLimit.Binding.ShouldBeTrue();
        atLimit.ReasonCode.ShouldBeNull();
        AuthorityCheck.Evaluate(limits, CommitmentKind.Subsidy, 1_000_000.01m, true).Binding.ShouldBeFalse();
        // No value to weigh (a promise of a kind that names none): the kind decides.
        AuthorityCheck.Evaluate(limits, CommitmentKind.Subsidy, null, true).Binding.ShouldBeTrue();
    }

    [Fact]
    public void Of_several_limits_of_one_kind_the_highest_counts_and_an_unlimited_one_wins()
    {
        // The promiser holds two roles: one may promise 100 000, the other 1 000 000.
        AuthorityLimit[] two = [new(CommitmentKind.Subsidy, 100_000m), new(CommitmentKind.Subsidy, 1_000_000m)];
        AuthorityCheck.Evaluate(two, CommitmentKind.Subsidy, 500_000m, true).Binding.ShouldBeTrue();
        AuthorityCheck.Evaluate(two, CommitmentKind.Subsidy, 1_500_000m, true).ReasonArgs.ShouldBe([CommitmentKind.Subsidy, 1_500_000m, 1_000_000m]);

        AuthorityLimit[] oneUnlimited = [new(CommitmentKind.Subsidy, 100_000m), new(CommitmentKind.Subsidy, null)];
        var any = AuthorityCheck.Evaluate(oneUnlimited, CommitmentKind.Subsidy, 99_000_000m, true);
        any.Binding.ShouldBeTrue();
        any.ReasonCode.ShouldBeNull();
    }

    [Fact]
    public void Final_statuses_are_fulfilled_cancelled_lapsed_and_rejected_and_refuse_every_move()
    {
        CommitmentStatus[] final = [CommitmentStatus.Fulfilled, CommitmentStatus.Cancelled, CommitmentStatus.Lapsed, CommitmentStatus.Rejected];
        foreach (var status in Enum.GetValues<CommitmentStatus>())
            CommitmentLifecycle.IsFinal(status).ShouldBe(final.Contains(status), status.ToString());
        foreach (var from in final)
            foreach (var to in Enum.GetValues<CommitmentStatus>())
                Should.Throw<DomainException>(() => CommitmentLifecycle.EnsureCanMove(from, to)).Code.ShouldBe("commitment.final");
        Should.Throw<DomainException>(() => CommitmentLifecycle.EnsureCanMove(CommitmentStatus.Open, CommitmentStatus.PendingApproval)).Code
            .ShouldBe("commitment.transition_refused");
    }

    [Fact]
    public void The_canonical_entry_is_fixed_byte_for_byte_so_stored_hashes_still_verify()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var at = new DateTimeOffset(2026, 11, 21, 9, 2, 3, TimeSpan.FromHours(8)).AddTicks(12345);
        var canonical = LedgerHash.Canonical(7, id, "Recorded", "officer", at, null, "{\"a\":1}");
        System.Text.Encoding.UTF8.GetString(canonical)
            .ShouldBe("7\n0f8fad5b-d9cb-469f-a165-70867728950e\nRecorded\nofficer\n2026-11-21T01:02:03.001234Z\n\n{\"a\":1}");
        Convert.ToHexStringLower(LedgerHash.Compute(LedgerHash.Genesis, canonical))
            .ShouldBe("a41a0d37c15dd1ad7e67786f6dd8bbcb17bbb2cf605d1649b17356eadd57dd22");

        var withReason = LedgerHash.Canonical(7, id, "Cancelled", "王科长", at, "企业撤资", "{\"a\":1}");
        System.Text.Encoding.UTF8.GetString(withReason)
            .ShouldBe("7\n0f8fad5b-d9cb-469f-a165-70867728950e\nCancelled\n王科长\n2026-11-21T01:02:03.001234Z\n企业撤资\n{\"a\":1}");
        Convert.ToHexStringLower(LedgerHash.Compute(LedgerHash.Genesis, withReason))
            .ShouldBe("d118157ab8d6067e2273192105216ac7f3e25e2a007fb5e8a317ba80efcb5a6d");
    }

    [Fact]
    public void The_reason_is_part_of_the_hash()
    {
        var at = new DateTimeOffset(2026, 11, 21, 1, 2, 3, TimeSpan.Zero);
        var id = Guid.NewGuid();
        var h = LedgerHash.Compute(LedgerHash.Genesis, LedgerHash.Canonical(1, id, "Cancelled", "officer", at, "企业撤资", "{}"));
        LedgerHash.Compute(LedgerHash.Genesis, LedgerHash.Canonical(1, id, "Cancelled", "officer", at, "另一个理由", "{}")).ShouldNotBe(h);
        LedgerHash.Compute(LedgerHash.Genesis, LedgerHash.Canonical(1, id, "Cancelled", "officer", at, null, "{}")).ShouldNotBe(h);
    }

    [Theory]
    [InlineData(12345, 12340)]
    [InlineData(12349, 12340)]
    [InlineData(12340, 12340)]
    [InlineData(9, 0)]
    public void Truncate_drops_sub_microsecond_ticks_and_never_rounds_up(long ticks, long kept)
    {
        var second = new DateTimeOffset(2026, 11, 21, 9, 2, 3, TimeSpan.FromHours(8));
        var truncated = LedgerHash.Truncate(second.AddTicks(ticks));
        truncated.ShouldBe(second.AddTicks(kept));
        truncated.Offset.ShouldBe(TimeSpan.Zero);
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
