using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Domain.Tests.Crm;

/// <summary>The project's refusals on their fields with their words, and what a review leaves as it was.</summary>
public sealed class ProjectFieldRuleTests
{
    private static readonly DateOnly Day = new(2026, 11, 2);

    private static Project Lead(bool review = false) => Project.New(Guid.NewGuid(), "HC-2026-0042", Guid.NewGuid(), KeyProjectLevel.None, Day, review);

    [Fact]
    public void A_change_from_an_old_version_is_a_conflict_on_this_project()
    {
        var p = Lead();
        var e = Should.Throw<VersionConflictException>(() => p.Edit(KeyProjectLevel.Municipal, p.Version + 1));
        (e.ObjectType, e.Id).ShouldBe(("project", p.Id));
    }

    [Fact]
    public void Without_review_a_stage_change_leaves_nothing_pending()
    {
        var next = Lead(review: false).ChangeStage(Guid.NewGuid(), ProjectStage.Negotiating, Day.AddDays(1), null, 1).Next;
        next.PendingReview.ShouldBeNull();
        // …so a second change is not held up by one.
        next.ChangeStage(Guid.NewGuid(), ProjectStage.Signed, Day.AddDays(2), null, next.Version).Next.Stage.ShouldBe(ProjectStage.Signed);
    }

    [Fact]
    public void An_approved_change_keeps_its_stage_and_its_date()
    {
        var id = Guid.NewGuid();
        var moved = Lead(review: true).ChangeStage(id, ProjectStage.Negotiating, Day.AddDays(5), null, 1).Next;
        var approved = moved.Review(id, approve: true);
        (approved.Next.Stage, approved.Next.StageDate, approved.Next.PendingReview).ShouldBe((ProjectStage.Negotiating, Day.AddDays(5), (PendingStageReview?)null));
        (approved.Change.RevertedTo, approved.Change.RevertedDate).ShouldBe(((ProjectStage?)null, (DateOnly?)null));
    }

    [Fact]
    public void Investment_in_the_future_or_not_positive_is_refused_on_its_field()
    {
        var p = Lead();
        var future = Should.Throw<FieldRuleException>(() => p.RecordInvestment(Guid.NewGuid(), Day.AddDays(1), 1m, Day));
        (future.Field, future.Code).ShouldBe(("OnDate", "project.investment_in_future"));
        var zero = Should.Throw<FieldRuleException>(() => p.RecordInvestment(Guid.NewGuid(), Day, 0m, Day));
        (zero.Field, zero.Code).ShouldBe(("Amount", "project.investment_positive"));
        p.RecordInvestment(Guid.NewGuid(), Day, 0.01m, Day).Next.Version.ShouldBe(p.Version + 1);
    }

    [Fact]
    public void A_file_for_a_stage_change_of_another_project_is_refused_on_its_field()
    {
        var e = Should.Throw<FieldRuleException>(() => Lead().AttachFile(Guid.NewGuid(), Guid.NewGuid()));
        (e.Field, e.Code).ShouldBe(("StageChangeId", "file.stage_change_unknown"));
    }
}
