using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Tests.Commitments;

public sealed class IntegrityAndRemediationRulesTests
{
    [Fact]
    public void The_result_report_is_due_thirty_calendar_days_after_referral_and_overdue_from_the_day_after()
    {
        var opened = new DateOnly(2026, 9, 25); // across National Day: calendar days, not working days
        var due = IntegrityCaseRules.ResultDue(opened);
        due.ShouldBe(new DateOnly(2026, 10, 25));
        IntegrityCaseRules.IsOverdue(due, outcomeReported: false, today: due).ShouldBeFalse();
        IntegrityCaseRules.IsOverdue(due, outcomeReported: false, today: due.AddDays(1)).ShouldBeTrue();
        IntegrityCaseRules.IsOverdue(due, outcomeReported: true, today: due.AddDays(40)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(CaseStatus.Rectifying, AccountabilityOutcome.CriticismEducation, 1, 0, null)]
    [InlineData(CaseStatus.Investigating, null, 1, 0, "case.close_needs_outcome")]
    [InlineData(CaseStatus.Rectifying, AccountabilityOutcome.DisciplinaryAction, 0, 0, "case.close_needs_person")]
    [InlineData(CaseStatus.Rectifying, AccountabilityOutcome.NoLiability, 0, 0, null)]
    [InlineData(CaseStatus.Rectifying, AccountabilityOutcome.WrittenInquiry, 2, 1, "case.close_needs_rectification_done")]
    [InlineData(CaseStatus.Closed, AccountabilityOutcome.WrittenInquiry, 2, 0, "case.closed")]
    public void A_case_closes_only_with_outcome_persons_and_every_rectification_done(CaseStatus status, AccountabilityOutcome? outcome, int persons, int open, string? refusal)
    {
        var act = () => IntegrityCaseRules.EnsureCanClose(status, outcome, persons, open);
        if (refusal is null)
            act.ShouldNotThrow();
        else
            act.ShouldThrow<DomainException>().Code.ShouldBe(refusal);
    }

    [Fact]
    public void An_outcome_is_reported_once()
    {
        Should.NotThrow(() => IntegrityCaseRules.EnsureCanReportOutcome(CaseStatus.Investigating));
        Should.Throw<DomainException>(() => IntegrityCaseRules.EnsureCanReportOutcome(CaseStatus.Rectifying)).Code.ShouldBe("case.outcome_already_reported");
        IntegrityCaseRules.Number(2026, 7).ShouldBe("失信-2026-0007");
    }

    [Theory]
    [InlineData(500_000, 600_000, true, true, true)]     // more money
    [InlineData(null, 1, true, true, true)]              // a value where there was none
    [InlineData(500_000, 500_000, true, false, true)]    // the policy basis taken away
    [InlineData(500_000, 400_000, true, true, false)]    // less
    [InlineData(500_000, 500_000, false, true, false)]   // a policy basis added
    [InlineData(500_000, 500_000, true, true, false)]    // wording only
    public void An_amendment_widens_the_promise_when_more_is_owed_or_the_basis_goes(int? before, int? after, bool hadBasis, bool hasBasis, bool widens) =>
        CommitmentAmendment.Widens((decimal?)before, (decimal?)after, hadBasis, hasBasis).ShouldBe(widens);

    [Theory]
    [InlineData(CommitmentStatus.Open, true)]
    [InlineData(CommitmentStatus.Extended, true)]
    [InlineData(CommitmentStatus.PendingApproval, false)]
    [InlineData(CommitmentStatus.Fulfilled, false)]
    [InlineData(CommitmentStatus.Lapsed, false)]
    public void Only_a_running_promise_can_be_amended(CommitmentStatus status, bool can) => CommitmentAmendment.CanAmend(status).ShouldBe(can);

    [Theory]
    [InlineData("2017-12-31", CommitmentStatus.Open, true)]
    [InlineData("2017-12-31", CommitmentStatus.Lapsed, true)]
    [InlineData("2017-12-31", CommitmentStatus.Fulfilled, false)]
    [InlineData("2017-12-31", CommitmentStatus.PendingApproval, false)]
    [InlineData("2018-01-01", CommitmentStatus.Open, false)]
    [InlineData("2018-01-01", CommitmentStatus.Lapsed, false)]
    public void The_pre_2018_list_takes_promises_made_before_2018_that_are_still_owed(string made, CommitmentStatus status, bool listed) =>
        RemediationRules.BelongsOnList(DateOnly.Parse(made), status).ShouldBe(listed);

    [Fact]
    public void A_remediation_deadline_is_missed_from_the_next_day_and_sign_off_needs_plan_and_evidence()
    {
        var deadline = new DateOnly(2027, 3, 31);
        RemediationRules.IsOverdue(deadline, false, deadline).ShouldBeFalse();
        RemediationRules.IsOverdue(deadline, false, deadline.AddDays(1)).ShouldBeTrue();
        RemediationRules.IsOverdue(deadline, true, deadline.AddDays(1)).ShouldBeFalse();
        RemediationRules.IsOverdue(null, false, deadline).ShouldBeFalse();
        Should.Throw<DomainException>(() => RemediationRules.EnsureCanSignOff(null, Guid.NewGuid(), deadline, "凭证")).Code.ShouldBe("remediation.signoff_needs_plan");
        Should.Throw<DomainException>(() => RemediationRules.EnsureCanSignOff("方案", Guid.NewGuid(), deadline, " ")).Code.ShouldBe("remediation.signoff_needs_evidence");
        Should.NotThrow(() => RemediationRules.EnsureCanSignOff("方案", Guid.NewGuid(), deadline, "凭证"));
    }

    [Fact]
    public void The_fulfilment_rate_judges_fulfilled_against_lapsed_only()
    {
        CommitmentFigures.FulfilmentRate(0, 0).ShouldBeNull();
        CommitmentFigures.FulfilmentRate(3, 1).ShouldBe(75m);
        CommitmentFigures.FulfilmentRate(2, 1).ShouldBe(66.7m);
        RemediationRules.SignedOffShare(1, 3).ShouldBe(33.3m);
        RemediationRules.SignedOffShare(0, 0).ShouldBe(0m);
    }

    [Theory]
    [InlineData(1000000, null, 1000000)]
    [InlineData(1000000, 40.0, 600000)]
    [InlineData(333333.33, 33.33, 222233.33)]
    [InlineData(500000, 100.0, 0)]
    public void What_a_promise_still_owes_is_its_value_less_the_share_delivered(decimal value, double? share, decimal owed) =>
        CommitmentFigures.Undelivered(value, share is { } s ? (decimal)s : null).ShouldBe(owed);

    [Fact]
    public void The_met_rate_judges_obligations_past_due_and_the_recovery_rate_amounts_due()
    {
        CommitmentFigures.MetRate(0, 0).ShouldBeNull();
        CommitmentFigures.MetRate(2, 1).ShouldBe(66.7m);
        CommitmentFigures.MetRate(3, 0).ShouldBe(100m);
        CommitmentFigures.RecoveryRate(0, 0).ShouldBeNull();
        CommitmentFigures.RecoveryRate(800000, 200000).ShouldBe(25m);
        CommitmentFigures.RecoveryRate(300000, 100000).ShouldBe(33.3m);
    }

    [Theory]
    [InlineData(0, 4, 0)]
    [InlineData(2, 3, 66.7)]
    [InlineData(3, 4, 75)]
    [InlineData(4, 4, 100)]
    public void The_signed_off_share_is_signed_off_over_all_items_in_percent(int signedOff, int total, decimal share) =>
        RemediationRules.SignedOffShare(signedOff, total).ShouldBe(share);
}
