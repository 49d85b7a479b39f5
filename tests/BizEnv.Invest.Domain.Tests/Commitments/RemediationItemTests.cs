using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Tests.Commitments;

/// <summary>An item of the pre-2018 list as its grain changes it: plan, progress, sign-off, and when its deadline escalates.</summary>
public sealed class RemediationItemTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);
    private static readonly Guid Unit = Guid.NewGuid();

    private static RemediationItem Fresh() => RemediationItem.Restore(Guid.NewGuid(), null, null, null, 0, false, 1);

    private static RemediationItem Planned(DateOnly deadline)
    {
        var item = Fresh();
        item.PlanWith("调查：财政调整未拨付", "2027 年预算分两期拨付", Unit, deadline, Today, 1);
        return item;
    }

    [Fact]
    public void A_plan_sets_study_plan_unit_and_deadline_trimmed_and_moves_the_version_on()
    {
        var item = Fresh();
        item.PlanWith("  调查  ", " 方案 ", Unit, Today, Today, 1);
        (item.StudyNotes, item.Plan, item.ResponsibleUnitId, item.Deadline, item.Version).ShouldBe(("调查", "方案", (Guid?)Unit, (DateOnly?)Today, 2));
    }

    [Theory]
    [InlineData("", "方案", "StudyNotes", "remediation.study_required")]
    [InlineData("调查", " ", "Plan", "remediation.plan_required")]
    public void A_plan_needs_study_notes_and_a_plan(string notes, string plan, string field, string code)
    {
        var refused = Should.Throw<FieldRuleException>(() => Fresh().PlanWith(notes, plan, Unit, Today, Today, 1));
        (refused.Field, refused.Code).ShouldBe((field, code));
    }

    [Fact]
    public void A_plan_needs_a_unit_and_a_deadline_not_in_the_past()
    {
        Should.Throw<FieldRuleException>(() => Fresh().PlanWith("调查", "方案", Guid.Empty, Today, Today, 1)).Code.ShouldBe("remediation.unit_required");
        Should.Throw<FieldRuleException>(() => Fresh().PlanWith("调查", "方案", Unit, Today.AddDays(-1), Today, 1)).Code.ShouldBe("remediation.deadline_past");
    }

    [Fact]
    public void A_change_at_a_version_someone_else_moved_on_is_a_conflict()
    {
        var item = Planned(Today.AddDays(5));
        Should.Throw<VersionConflictException>(() => item.Report("进展", 10, 1));
        Should.Throw<VersionConflictException>(() => item.SignOff("凭证", 1));
        Should.Throw<VersionConflictException>(() => item.PlanWith("调查", "方案", Unit, Today, Today, 1));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100)]
    public void Progress_is_0_to_99_percent(int percent) =>
        Should.Throw<FieldRuleException>(() => Planned(Today).Report("进展", percent, 2)).Code.ShouldBe("remediation.progress_range");

    [Fact]
    public void Progress_needs_a_note_and_is_kept()
    {
        var item = Planned(Today);
        Should.Throw<FieldRuleException>(() => item.Report(" ", 10, 2)).Code.ShouldBe("remediation.progress_note_required");
        item.Report("已列入预算草案", 40, 2);
        (item.ProgressPercent, item.Version).ShouldBe((40, 3));
    }

    [Fact]
    public void Sign_off_needs_a_plan_and_evidence_makes_it_100_percent_and_is_final()
    {
        Should.Throw<DomainException>(() => Fresh().SignOff("凭证", 1)).Code.ShouldBe("remediation.signoff_needs_plan");
        var item = Planned(Today);
        Should.Throw<DomainException>(() => item.SignOff(" ", 2)).Code.ShouldBe("remediation.signoff_needs_evidence");
        item.SignOff(" 财政拨付凭证 ", 2);
        (item.SignedOff, item.Evidence, item.ProgressPercent, item.Version).ShouldBe((true, "财政拨付凭证", 100, 3));
        Should.Throw<DomainException>(() => item.Report("进展", 10, 3)).Code.ShouldBe("remediation.signed_off");
        Should.Throw<DomainException>(() => item.PlanWith("调查", "方案", Unit, Today, Today, 3)).Code.ShouldBe("remediation.signed_off");
        Should.Throw<DomainException>(() => item.SignOff("凭证", 3)).Code.ShouldBe("remediation.signed_off");
    }

    [Fact]
    public void A_deadline_escalates_from_the_start_of_the_next_day_in_Beijing()
    {
        var deadline = new DateOnly(2026, 12, 1);
        var at = new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero); // 2026-12-02 00:00 in Beijing
        RemediationRules.EscalationInstant(deadline).ShouldBe(at);
        RemediationRules.EscalationInstant(new DateOnly(2026, 12, 31)).ShouldBe(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)));
        var item = Planned(deadline);
        item.EscalatesAt.ShouldBe(at);
        item.EscalationDue(at.AddTicks(-1)).ShouldBeFalse();
        item.EscalationDue(at).ShouldBeTrue();
    }

    [Fact]
    public void Nothing_escalates_without_a_deadline_or_once_signed_off()
    {
        Fresh().EscalatesAt.ShouldBeNull();
        var item = Planned(Today);
        item.SignOff("凭证", 2);
        item.EscalatesAt.ShouldBeNull();
        item.EscalationDue(DateTimeOffset.MaxValue).ShouldBeFalse();
    }

    [Fact]
    public void A_new_deadline_planned_after_a_missed_one_is_watched_anew()
    {
        var item = Planned(Today);
        var first = item.EscalatesAt!.Value;
        item.PlanWith("调查", "新方案", Unit, Today.AddDays(30), Today.AddDays(2), 2);
        item.EscalatesAt.ShouldBe(first.AddDays(30));
    }

    [Fact]
    public void A_refused_unit_or_past_deadline_names_its_field_and_code()
    {
        var unit = Should.Throw<FieldRuleException>(() => Fresh().PlanWith("调查", "方案", Guid.Empty, Today, Today, 1));
        (unit.Field, unit.Code).ShouldBe(("ResponsibleUnitId", "remediation.unit_required"));
        var deadline = Should.Throw<FieldRuleException>(() => Fresh().PlanWith("调查", "方案", Unit, Today.AddDays(-1), Today, 1));
        (deadline.Field, deadline.Code).ShouldBe(("Deadline", "remediation.deadline_past"));
    }

    [Fact]
    public void A_version_conflict_names_the_remediation_item()
    {
        var item = Planned(Today);
        var conflict = Should.Throw<VersionConflictException>(() => item.Report("进展", 10, 1));
        (conflict.ObjectType, conflict.Id).ShouldBe(("remediation", item.CommitmentId));
    }

    [Fact]
    public void Refused_progress_names_its_field_and_code()
    {
        var note = Should.Throw<FieldRuleException>(() => Planned(Today).Report(" ", 10, 2));
        (note.Field, note.Code).ShouldBe(("Note", "remediation.progress_note_required"));
        var range = Should.Throw<FieldRuleException>(() => Planned(Today).Report("进展", 100, 2));
        (range.Field, range.Code).ShouldBe(("ProgressPercent", "remediation.progress_range"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public void Progress_of_0_and_99_percent_is_accepted(int percent)
    {
        var item = Planned(Today);
        item.Report("进展", percent, 2);
        (item.ProgressPercent, item.Version, item.SignedOff).ShouldBe((percent, 3, false));
    }
}
