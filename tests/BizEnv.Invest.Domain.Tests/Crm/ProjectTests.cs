using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Domain.Tests.Crm;

public sealed class ProjectTests
{
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();
    private static readonly Guid C = Guid.NewGuid();
    private static readonly DateOnly Day = new(2026, 11, 2);

    private static Project Lead(KeyProjectLevel level = KeyProjectLevel.None, bool review = false) =>
        Project.New(Guid.NewGuid(), "HC-2026-0042", Guid.NewGuid(), level, Day, review);

    private static Project Paired(KeyProjectLevel level = KeyProjectLevel.Municipal) => Lead(level).AssignConcierge(A, B, null)!.Next;

    [Fact]
    public void A_new_project_is_a_lead_at_version_one_with_nothing_pending()
    {
        var p = Lead();
        p.Stage.ShouldBe(ProjectStage.Lead);
        p.Version.ShouldBe(1);
        p.PendingReview.ShouldBeNull();
        p.Concierge.ShouldBeNull();
        p.Number.ShouldBe("HC-2026-0042");
    }

    [Theory]
    [InlineData("hc-2026-0042")]
    [InlineData("HC-26-0042")]
    [InlineData("")]
    public void A_project_is_not_made_with_a_malformed_unified_number(string number) =>
        Should.Throw<DomainException>(() => Project.New(Guid.NewGuid(), number, Guid.NewGuid(), KeyProjectLevel.None, Day, false)).Code.ShouldBe("project.number_malformed");

    [Fact]
    public void The_unified_number_is_kept_through_every_change()
    {
        var p = Paired().ChangeStage(Guid.NewGuid(), ProjectStage.Negotiating, Day, null, 2).Next.RecordInvestment(Guid.NewGuid(), Day, 1m, Day).Next
            .Edit(KeyProjectLevel.Provincial, 4).Next;
        p.Number.ShouldBe("HC-2026-0042");
    }

    [Fact]
    public void A_stage_change_moves_one_step_and_raises_the_version_and_names_the_version_it_was_decided_on()
    {
        var p = Lead();
        var id = Guid.NewGuid();
        var d = p.ChangeStage(id, ProjectStage.Negotiating, Day.AddDays(3), null, 1);
        d.Change.ShouldBe(new StageChanged(id, ProjectStage.Lead, ProjectStage.Negotiating, Day.AddDays(3), Day, StageReviewStatus.NotRequired, null, 1));
        d.Next.Stage.ShouldBe(ProjectStage.Negotiating);
        d.Next.StageDate.ShouldBe(Day.AddDays(3));
        d.Next.Version.ShouldBe(2);
        d.Next.StageChanges.ShouldContain(id);
        p.Stage.ShouldBe(ProjectStage.Lead); // the decision changes nothing by itself
    }

    [Fact]
    public void A_skipped_stage_is_refused_naming_the_next_one() =>
        Should.Throw<DomainException>(() => Lead().ChangeStage(Guid.NewGuid(), ProjectStage.Signed, Day, null, 1)).Code.ShouldBe("project.stage_out_of_order");

    [Fact]
    public void A_change_decided_on_an_old_version_is_a_conflict() =>
        Should.Throw<VersionConflictException>(() => Lead().ChangeStage(Guid.NewGuid(), ProjectStage.Negotiating, Day, null, 7));

    [Fact]
    public void A_stage_date_before_the_current_one_is_refused_on_the_date_field()
    {
        var e = Should.Throw<FieldRuleException>(() => Lead().ChangeStage(Guid.NewGuid(), ProjectStage.Negotiating, Day.AddDays(-1), null, 1));
        e.Field.ShouldBe("StageDate");
        e.Code.ShouldBe("project.stage_date_before_previous");
    }

    [Fact]
    public void Termination_needs_a_reason_and_keeps_it_trimmed_and_then_nothing_moves()
    {
        Should.Throw<DomainException>(() => Lead().ChangeStage(Guid.NewGuid(), ProjectStage.Terminated, Day, " ", 1)).Code.ShouldBe("project.termination_reason_required");
        var d = Lead().ChangeStage(Guid.NewGuid(), ProjectStage.Terminated, Day, "  企业撤资 ", 1);
        d.Change.TerminatedReason.ShouldBe("企业撤资");
        Should.Throw<DomainException>(() => d.Next.ChangeStage(Guid.NewGuid(), ProjectStage.Negotiating, Day, null, 2)).Code.ShouldBe("project.stage_final");
        Should.Throw<DomainException>(() => d.Next.RecordInvestment(Guid.NewGuid(), Day, 1m, Day)).Code.ShouldBe("project.terminated");
    }

    [Fact]
    public void In_a_unit_that_requires_review_a_change_waits_and_blocks_the_next_until_reviewed()
    {
        var id = Guid.NewGuid();
        var d = Lead(review: true).ChangeStage(id, ProjectStage.Negotiating, Day.AddDays(1), null, 1);
        d.Change.Review.ShouldBe(StageReviewStatus.Pending);
        d.Next.PendingReview.ShouldBe(new PendingStageReview(id, ProjectStage.Lead, ProjectStage.Negotiating, Day));
        Should.Throw<DomainException>(() => d.Next.ChangeStage(Guid.NewGuid(), ProjectStage.Signed, Day.AddDays(2), null, 2)).Code.ShouldBe("project.review_pending");

        var approved = d.Next.Review(id, approve: true);
        approved.Change.ShouldBe(new StageReviewed(id, StageReviewStatus.Approved, null, null, 2));
        approved.Next.PendingReview.ShouldBeNull();
        approved.Next.Stage.ShouldBe(ProjectStage.Negotiating);
        Should.NotThrow(() => approved.Next.ChangeStage(Guid.NewGuid(), ProjectStage.Signed, Day.AddDays(2), null, 3));
    }

    [Fact]
    public void A_rejected_change_puts_the_project_back_to_the_stage_and_date_it_came_from()
    {
        var id = Guid.NewGuid();
        var pending = Lead(review: true).ChangeStage(id, ProjectStage.Negotiating, Day.AddDays(5), null, 1).Next;
        var rejected = pending.Review(id, approve: false);
        rejected.Change.ShouldBe(new StageReviewed(id, StageReviewStatus.Rejected, ProjectStage.Lead, Day, 2));
        rejected.Next.Stage.ShouldBe(ProjectStage.Lead);
        rejected.Next.StageDate.ShouldBe(Day);
        rejected.Next.PendingReview.ShouldBeNull();
    }

    [Fact]
    public void Only_the_pending_change_can_be_reviewed_and_only_once()
    {
        Should.Throw<DomainException>(() => Lead().Review(Guid.NewGuid(), true)).Code.ShouldBe("review.not_pending");
        var id = Guid.NewGuid();
        var pending = Lead(review: true).ChangeStage(id, ProjectStage.Negotiating, Day, null, 1).Next;
        Should.Throw<DomainException>(() => pending.Review(Guid.NewGuid(), true)).Code.ShouldBe("review.not_pending");
        Should.Throw<DomainException>(() => pending.Review(id, true).Next.Review(id, false)).Code.ShouldBe("review.not_pending");
    }

    [Fact]
    public void Investment_in_place_is_refused_in_the_future_and_when_not_positive()
    {
        var p = Lead();
        Should.Throw<FieldRuleException>(() => p.RecordInvestment(Guid.NewGuid(), Day.AddDays(1), 1m, Day)).Code.ShouldBe("project.investment_in_future");
        Should.Throw<FieldRuleException>(() => p.RecordInvestment(Guid.NewGuid(), Day, 0m, Day)).Code.ShouldBe("project.investment_positive");
        var d = p.RecordInvestment(Guid.NewGuid(), Day, 5_000_000m, Day);
        d.Change.Amount.ShouldBe(5_000_000m);
        d.Next.Version.ShouldBe(2);
    }

    [Fact]
    public void An_issue_is_added_open_resolved_once_and_an_unknown_one_is_not_found()
    {
        var issue = Guid.NewGuid();
        var added = Lead().AddIssue(issue).Next;
        added.IssuesResolved[issue].ShouldBeFalse();
        Should.Throw<DomainException>(() => added.AddIssue(issue)).Code.ShouldBe("issue.already_added");
        added.ResolveIssue(Guid.NewGuid()).ShouldBeNull();
        var resolved = added.ResolveIssue(issue)!.Next;
        resolved.IssuesResolved[issue].ShouldBeTrue();
        Should.Throw<DomainException>(() => resolved.ResolveIssue(issue)).Code.ShouldBe("issue.already_resolved");
    }

    [Fact]
    public void A_file_attaches_to_the_project_or_to_one_of_its_own_stage_changes_only()
    {
        var change = Guid.NewGuid();
        var p = Lead().ChangeStage(change, ProjectStage.Negotiating, Day, null, 1).Next;
        Should.NotThrow(() => p.AttachFile(Guid.NewGuid(), null));
        Should.NotThrow(() => p.AttachFile(Guid.NewGuid(), change));
        Should.Throw<FieldRuleException>(() => p.AttachFile(Guid.NewGuid(), Guid.NewGuid())).Code.ShouldBe("file.stage_change_unknown");
    }

    [Fact]
    public void The_concierge_A_and_B_must_be_two_people() =>
        Should.Throw<DomainException>(() => Lead().AssignConcierge(A, A, null)).Code.ShouldBe("concierge.a_equals_b");

    [Fact]
    public void A_key_project_needs_both_an_A_and_a_B_and_an_ordinary_one_may_have_an_A_alone()
    {
        Should.Throw<DomainException>(() => Lead(KeyProjectLevel.Provincial).AssignConcierge(A, null, null)).Code.ShouldBe("concierge.key_project_needs_both");
        Lead().AssignConcierge(A, null, null)!.Next.Concierge.ShouldBe(new ConciergePair(A, null));
    }

    [Fact]
    public void Replacing_someone_who_serves_is_a_handover_that_needs_a_reason_and_the_same_pair_again_is_no_change()
    {
        var p = Paired();
        p.AssignConcierge(A, B, null).ShouldBeNull();
        Should.Throw<FieldRuleException>(() => p.AssignConcierge(B, A, null)).Code.ShouldBe("concierge.handover_reason_required");
        Should.Throw<FieldRuleException>(() => p.AssignConcierge(A, C, "  ")).Field.ShouldBe("HandoverReason");
        var d = p.AssignConcierge(A, C, " 借调 ")!;
        d.Change.ShouldBe(new ConciergeAssigned(true, "借调", new ConciergePair(A, C), 2));
    }

    [Fact]
    public void A_first_assignment_ends_nothing() =>
        Lead().AssignConcierge(A, null, null)!.Change.EndsCurrent.ShouldBeFalse();

    [Fact]
    public void A_finished_project_gets_no_new_concierge() =>
        Should.Throw<DomainException>(() => Lead().ChangeStage(Guid.NewGuid(), ProjectStage.Terminated, Day, "撤资", 1).Next.AssignConcierge(A, B, null))
            .Code.ShouldBe("project.stage_final");

    [Fact]
    public void A_leaving_officer_s_successor_takes_their_role_with_the_reason_recorded()
    {
        var p = Paired();
        var newA = p.HandOverConcierge(A, C, "停用")!;
        newA.Change.ShouldBe(new ConciergeAssigned(true, "停用", new ConciergePair(C, B), 2));
        newA.Next.Gap.ShouldBe(ConciergeGap.None);
        var newB = p.HandOverConcierge(B, C, "调岗")!;
        newB.Next.Concierge.ShouldBe(new ConciergePair(A, C));
    }

    [Fact]
    public void A_successor_who_already_held_the_other_role_keeps_the_A_role_and_the_B_role_is_a_gap()
    {
        var p = Paired();
        var aLeaves = p.HandOverConcierge(A, B, "停用")!;
        aLeaves.Next.Concierge.ShouldBe(new ConciergePair(B, null));
        aLeaves.Next.Gap.ShouldBe(ConciergeGap.NoB);
        p.HandOverConcierge(B, A, "停用")!.Next.Concierge.ShouldBe(new ConciergePair(A, null));
    }

    [Fact]
    public void An_officer_who_does_not_serve_the_project_hands_nothing_over()
    {
        Paired().HandOverConcierge(C, A, "停用").ShouldBeNull();
        Lead().HandOverConcierge(A, C, "停用").ShouldBeNull();
    }

    [Fact]
    public void An_officer_cannot_hand_their_role_to_themselves() =>
        Should.Throw<DomainException>(() => Paired().HandOverConcierge(A, A, "停用")).Code.ShouldBe("handover.successor_is_leaving");

    [Fact]
    public void Filling_a_gap_replaces_nobody_and_needs_no_reason()
    {
        var gap = Paired().HandOverConcierge(A, B, "停用")!.Next;
        var d = gap.AssignConcierge(B, C, null)!;
        d.Change.ShouldBe(new ConciergeAssigned(true, null, new ConciergePair(B, C), 3));
        d.Next.Gap.ShouldBe(ConciergeGap.None);
    }

    [Theory]
    [InlineData(KeyProjectLevel.None, ProjectStage.Negotiating, false, false, ConciergeGap.None)]
    [InlineData(KeyProjectLevel.Municipal, ProjectStage.Negotiating, false, false, ConciergeGap.NoA)]
    [InlineData(KeyProjectLevel.Municipal, ProjectStage.Negotiating, true, false, ConciergeGap.NoB)]
    [InlineData(KeyProjectLevel.Provincial, ProjectStage.Signed, false, true, ConciergeGap.NoA)]
    [InlineData(KeyProjectLevel.Provincial, ProjectStage.Signed, true, true, ConciergeGap.None)]
    [InlineData(KeyProjectLevel.Provincial, ProjectStage.InProduction, false, false, ConciergeGap.None)]
    [InlineData(KeyProjectLevel.Provincial, ProjectStage.Terminated, false, false, ConciergeGap.None)]
    public void The_gap_is_an_open_key_project_lacking_its_A_or_its_B(KeyProjectLevel level, ProjectStage stage, bool hasA, bool hasB, ConciergeGap gap) =>
        ConciergePair.GapOf(hasA || hasB ? new ConciergePair(hasA ? A : null, hasB ? B : null) : null, level, stage).ShouldBe(gap);

    [Fact]
    public void An_edit_from_the_version_seen_raises_it_and_takes_the_new_level_and_a_stale_one_is_a_conflict()
    {
        var d = Lead().Edit(KeyProjectLevel.Provincial, 1);
        d.Change.ShouldBe(new ProjectEdited(1));
        d.Next.KeyLevel.ShouldBe(KeyProjectLevel.Provincial);
        d.Next.Version.ShouldBe(2);
        Should.Throw<VersionConflictException>(() => d.Next.Edit(KeyProjectLevel.None, 1));
    }
}
