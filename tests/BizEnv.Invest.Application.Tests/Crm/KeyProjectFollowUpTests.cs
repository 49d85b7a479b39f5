using BizEnv.Invest.Application.Crm.Projects.AddProjectIssue;
using BizEnv.Invest.Application.Crm.Projects.ChangeProjectStage;
using BizEnv.Invest.Application.Crm.Projects.GetProject;
using BizEnv.Invest.Application.Crm.Projects.RecordInvestment;
using BizEnv.Invest.Application.Crm.Projects.ResolveProjectIssue;
using BizEnv.Invest.Application.Crm.Projects.ReviewStageChange;
using BizEnv.Invest.Application.Crm.Visits.LogVisit;
using BizEnv.Invest.Application.Crm.WeeklyReports.ExportWeeklyReports;
using BizEnv.Invest.Application.Crm.WeeklyReports.GenerateWeeklyReport;
using BizEnv.Invest.Application.Crm.WeeklyReports.SaveWeeklyReport;
using BizEnv.Invest.Application.Units.SetUnitStageReview;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Application.Tests.Crm;

public sealed class KeyProjectFollowUpTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_weekly_report_is_drafted_from_the_weeks_records_then_edited_and_submitted()
    {
        var officer = await app.As("officer");
        var investor = await app.NewInvestor(officer);
        var project = await app.NewProject(officer, investor.Id, KeyProjectLevel.Municipal);
        // The week of Mon 2026-11-16: a stage change, investment, a visit, an issue.
        var moved = await app.Send(new ChangeProjectStage(project.Id, ProjectStage.Negotiating, new DateOnly(2026, 11, 17), "与集团总部洽谈", null, project.Version), officer);
        await app.Send(new RecordInvestment(project.Id, new DateOnly(2026, 11, 18), 20_000_000m, null), officer);
        await app.Send(new LogVisit(investor.Id, project.Id, new DateOnly(2026, 11, 19), "现场踏勘地块", null, [], []), officer);
        await app.Send(new AddProjectIssue(project.Id, "10kV 供电线路接入", officer.UserId!.Value, new DateOnly(2026, 12, 1)), officer);
        _ = moved;

        var draft = await app.Send(new GenerateWeeklyReport(project.Id, new DateOnly(2026, 11, 19)), officer);
        draft.WeekStart.ShouldBe(new DateOnly(2026, 11, 16));
        draft.Progress.ShouldContain("2026-11-17 推进至“洽谈”：与集团总部洽谈");
        draft.Progress.ShouldContain("到资 2,000 万元");
        draft.Progress.ShouldContain("现场踏勘地块");
        draft.Issues.ShouldContain("10kV 供电线路接入");
        draft.NextSteps.ShouldContain("签约");
        draft.InvestmentToDate.ShouldBe(20_000_000m);

        (await app.Send(new GenerateWeeklyReport(project.Id, new DateOnly(2026, 11, 20)), officer)).Id.ShouldBe(draft.Id);
        var submitted = await app.Send(new SaveWeeklyReport(draft.Id, draft.Progress + "\n另：企业高层下周来访。", draft.Issues, draft.NextSteps, true, draft.Version), officer);
        submitted.Status.ShouldBe("Submitted");
        (await Should.ThrowAsync<DomainException>(() => app.Send(new SaveWeeklyReport(draft.Id, "x", "x", "x", false, submitted.Version), officer)))
            .Code.ShouldBe("weekly.already_submitted");

        await using var file = await app.Send(new ExportWeeklyReports(new DateOnly(2026, 11, 16)), officer);
        file.Content.Length.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Ordinary_projects_have_no_weekly_report()
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        (await Should.ThrowAsync<DomainException>(() => app.Send(new GenerateWeeklyReport(project.Id, new DateOnly(2026, 11, 16)), officer)))
            .Code.ShouldBe("weekly.key_projects_only");
    }

    [Fact]
    public async Task Issues_are_listed_open_first_and_resolved_once()
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id, KeyProjectLevel.Provincial);
        var first = await app.Send(new AddProjectIssue(project.Id, "环评批复", officer.UserId!.Value, new DateOnly(2026, 11, 30)), officer);
        await app.Send(new AddProjectIssue(project.Id, "施工许可", officer.UserId!.Value, new DateOnly(2026, 12, 30)), officer);
        await app.Send(new ResolveProjectIssue(project.Id, first, "已取得批复"), officer);
        var detail = await app.Send(new GetProject(project.Id), officer);
        detail.Issues.Select(i => i.Status).ShouldBe(["Open", "Resolved"]);
        (await Should.ThrowAsync<DomainException>(() => app.Send(new ResolveProjectIssue(project.Id, first, "again"), officer))).Code.ShouldBe("issue.already_resolved");
    }

    [Fact]
    public async Task In_a_unit_that_requires_review_a_rejected_stage_change_puts_the_project_back()
    {
        var admin = await app.As("admin");
        var officer = await app.As("officer2");
        await app.Send(new SetUnitStageReview(officer.UnitId!.Value, true), admin);
        try
        {
            var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
            var change = await app.Send(new ChangeProjectStage(project.Id, ProjectStage.Negotiating, new DateOnly(2026, 11, 5), null, null, project.Version), officer);
            (await app.Send(new GetProject(project.Id), officer)).Stages.Single().ReviewStatus.ShouldBe("Pending");
            (await Should.ThrowAsync<DomainException>(() =>
                app.Send(new ChangeProjectStage(project.Id, ProjectStage.Signed, new DateOnly(2026, 11, 6), null, null, change.Project.Version), officer)))
                .Code.ShouldBe("project.review_pending");

            var leader = await app.As("leader");
            (await app.Send(new GetProject(project.Id), leader)).CanReview.ShouldBeTrue();
            var back = await app.Send(new ReviewStageChange(project.Id, change.StageChangeId, false, "洽谈依据不足，请补充会议纪要"), leader);
            back.Stage.ShouldBe(ProjectStage.Lead);
            var history = (await app.Send(new GetProject(project.Id), officer)).Stages.Single();
            history.ReviewStatus.ShouldBe("Rejected");
            history.ReviewedBy.ShouldBe("周海涛");
            history.ReviewOpinion.ShouldBe("洽谈依据不足，请补充会议纪要");
        }
        finally
        {
            await app.Send(new SetUnitStageReview(officer.UnitId!.Value, false), admin);
        }
    }
}
