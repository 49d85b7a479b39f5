using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Crm.Concierge.AssignConcierge;
using BizEnv.Invest.Application.Crm.Concierge.GetConciergeCaseload;
using BizEnv.Invest.Application.Crm.Concierge.GetConciergeHistory;
using BizEnv.Invest.Application.Crm.Projects.AddProjectIssue;
using BizEnv.Invest.Application.Crm.Projects.AttachProjectFile;
using BizEnv.Invest.Application.Crm.Projects.ChangeProjectStage;
using BizEnv.Invest.Application.Crm.Projects.GetProject;
using BizEnv.Invest.Application.Crm.Projects.Grain;
using BizEnv.Invest.Application.Crm.Projects.ListProjects;
using BizEnv.Invest.Application.Crm.Projects.RecordInvestment;
using BizEnv.Invest.Application.Crm.Projects.ResolveProjectIssue;
using BizEnv.Invest.Application.Crm.Projects.ReviewStageChange;
using BizEnv.Invest.Application.Crm.Projects.UpdateProject;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Application.Users.CreateUser;
using BizEnv.Invest.Application.Users.SetUserDisabled;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;

namespace BizEnv.Invest.Application.Tests.Grains;

/// <summary>
/// The project grain on a real silo and a real database: the stage machine with review, 到资, the
/// issue list and evidence through it, the AB-角 rule refused with its words, the handover history,
/// and an officer disabled leaving the gap list at once.
/// </summary>
public sealed class ProjectGrainTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateOnly Day = new(2026, 11, 2);

    private async Task<Actor> NewOfficer(string userName, string displayName)
    {
        var admin = await app.As("admin");
        await app.Send(new CreateUser(userName, displayName, await app.UnitId("HCZS1"), [Role.PromotionOfficer], null, null, "Offic3r#Grain2026"), admin);
        return await app.As(userName);
    }

    private static CommandContext Context(Actor actor, string action) =>
        new(actor.UserId, actor.UserName, actor.RolesText, actor.ClientIp, action, "project", null, null, null, action, []);

    [Fact]
    public async Task The_stage_machine_runs_through_the_grain_with_review_rejection_and_termination_and_every_change_is_audited_once()
    {
        var officer = await app.As("officer");
        var leader = await app.As("leader");
        var unit = await app.UnitId("HCZS1");
        await app.Scalar<int>("WITH u AS (UPDATE units SET requires_stage_review = true WHERE id = @unit) SELECT 1", new { unit });
        try
        {
            var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
            var step = await app.Send(new ChangeProjectStage(project.Id, ProjectStage.Negotiating, Day.AddDays(3), "首次洽谈", null, project.Version), officer);
            step.Project.Stage.ShouldBe(ProjectStage.Negotiating);
            step.Project.Version.ShouldBe(project.Version + 1);
            (await Should.ThrowAsync<DomainException>(() =>
                app.Send(new ChangeProjectStage(project.Id, ProjectStage.Signed, Day.AddDays(4), null, null, step.Project.Version), officer))).Code.ShouldBe("project.review_pending");

            // Rejected: back to the lead, with its date.
            var rejected = await app.Send(new ReviewStageChange(project.Id, step.StageChangeId, false, "材料不全"), leader);
            rejected.Stage.ShouldBe(ProjectStage.Lead);
            rejected.StageDate.ShouldBe(Day);
            (await Should.ThrowAsync<DomainException>(() => app.Send(new ReviewStageChange(project.Id, step.StageChangeId, true, null), leader)))
                .Code.ShouldBe("review.not_pending");
            await Should.ThrowAsync<NotFoundException>(() => app.Send(new ReviewStageChange(project.Id, Guid.NewGuid(), true, null), leader));

            var again = await app.Send(new ChangeProjectStage(project.Id, ProjectStage.Negotiating, Day.AddDays(5), null, null, rejected.Version), officer);
            var approved = await app.Send(new ReviewStageChange(project.Id, again.StageChangeId, true, null), leader);
            approved.Stage.ShouldBe(ProjectStage.Negotiating);

            // A stale form is a conflict, an earlier date is a field error, termination ends it.
            await Should.ThrowAsync<ConcurrencyConflictException>(() =>
                app.Send(new ChangeProjectStage(project.Id, ProjectStage.Signed, Day.AddDays(6), null, null, rejected.Version), officer));
            (await Should.ThrowAsync<ValidationException>(() =>
                app.Send(new ChangeProjectStage(project.Id, ProjectStage.Signed, Day, null, null, approved.Version), officer))).Errors.Single().ErrorCode
                .ShouldBe("project.stage_date_before_previous");
            var ended = await app.Send(new ChangeProjectStage(project.Id, ProjectStage.Terminated, Day.AddDays(7), null, "企业撤资", approved.Version), officer);
            ended.Project.Stage.ShouldBe(ProjectStage.Terminated);
            (await Should.ThrowAsync<DomainException>(() => app.Send(new RecordInvestment(project.Id, Day, 1m, null), officer))).Code.ShouldBe("project.terminated");

            var detail = await app.Send(new GetProject(project.Id), officer);
            detail.TerminatedReason.ShouldBe("企业撤资");
            detail.Stages.Select(s => s.ReviewStatus).ShouldBe(["Rejected", "Approved", "Pending"], ignoreOrder: true);
            detail.Stages.Single(s => s.ReviewStatus == "Rejected").ReviewOpinion.ShouldBe("材料不全");
            (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE object_id = @Id AND action = 'ChangeProjectStage' AND outcome = 'success'",
                new { Id = project.Id.ToString() })).ShouldBe(3);
            (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE object_id = @Id AND action = 'ReviewStageChange' AND outcome = 'success'",
                new { Id = project.Id.ToString() })).ShouldBe(2);
        }
        finally
        {
            await app.Scalar<int>("WITH u AS (UPDATE units SET requires_stage_review = false WHERE id = @unit) SELECT 1", new { unit });
        }
    }

    [Fact]
    public async Task Figures_investment_issues_and_evidence_are_written_by_the_grain_one_version_each()
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var leaderId = (await app.As("leader")).UserId;
        var edited = await app.Send(new UpdateProject(project.Id, "锂电池生产基地二期", 600_000_000m, null, 900, KeyProjectLevel.Municipal, leaderId, "专班", "三年建成",
            project.Version), officer);
        edited.Name.ShouldBe("锂电池生产基地二期");
        (await Should.ThrowAsync<ValidationException>(() => app.Send(new UpdateProject(project.Id, "x", 1m, null, null, KeyProjectLevel.None, officer.UserId, null, null,
            edited.Version), officer))).Errors.Single().ErrorCode.ShouldBe("project.leader_unknown");

        var invested = await app.Send(new RecordInvestment(project.Id, Day, 30_000_000m, "首期"), officer);
        invested.InvestmentInPlace.ShouldBe(30_000_000m);
        var issue = await app.Send(new AddProjectIssue(project.Id, "用电接入滞后", officer.UserId!.Value, Day.AddDays(10)), officer);
        (await Should.ThrowAsync<ValidationException>(() => app.Send(new AddProjectIssue(project.Id, "无主", Guid.NewGuid(), Day), officer)))
            .Errors.Single().ErrorCode.ShouldBe("issue.owner_unknown");
        await app.Send(new ResolveProjectIssue(project.Id, issue, "供电公司已接入"), officer);
        (await Should.ThrowAsync<DomainException>(() => app.Send(new ResolveProjectIssue(project.Id, issue, "再次"), officer))).Code.ShouldBe("issue.already_resolved");
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new ResolveProjectIssue(project.Id, Guid.NewGuid(), "无此问题"), officer));

        var step = await app.Send(new ChangeProjectStage(project.Id, ProjectStage.Negotiating, Day, null, null, await Version(project.Id)), officer);
        var file = await app.Send(new AttachProjectFile(project.Id, step.StageChangeId, "会议纪要.pdf", "application/pdf", [1, 2, 3]), officer);
        file.SizeBytes.ShouldBe(3);
        (await Should.ThrowAsync<ValidationException>(() => app.Send(new AttachProjectFile(project.Id, Guid.NewGuid(), "x.pdf", "application/pdf", [1]), officer)))
            .Errors.Single().ErrorCode.ShouldBe("file.stage_change_unknown");

        var detail = await app.Send(new GetProject(project.Id), officer);
        detail.Issues.Single().Status.ShouldBe("Resolved");
        detail.Files.Single().StageChangeId.ShouldBe(step.StageChangeId);
        // Create, edit, investment, issue, resolution, stage, file: seven changes, seven versions.
        (await Version(project.Id)).ShouldBe(project.Version + 6);
    }

    private Task<int> Version(Guid id) => app.Scalar<int>("SELECT version FROM projects WHERE id = @id", new { id });

    [Fact]
    public async Task The_grain_refuses_A_equal_to_B_and_a_key_project_without_B_in_plain_words_and_saves_nothing()
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id, KeyProjectLevel.Provincial);
        var grain = app.Grains.GetGrain<IProjectGrain>(project.Id);

        // Straight to the grain (the form's validator would stop A = B before it): the rule is the grain's too.
        var same = await grain.AssignConcierge(new ConciergePairing(officer.UserId!.Value, officer.UserId, null, officer.UserId!.Value), Context(officer, "AssignConcierge"));
        var refusal = same.Refusal.ShouldNotBeNull();
        refusal.Code.ShouldBe("concierge.a_equals_b");
        Application.Localization.Text.Get(refusal.Code).ShouldBe("A 角和 B 角不能是同一人。");

        var noB = await Should.ThrowAsync<DomainException>(() => app.Send(new AssignConcierge(project.Id, officer.UserId!.Value, null, null), officer));
        noB.Code.ShouldBe("concierge.key_project_needs_both");
        Application.Localization.Text.Get(noB.Code).ShouldBe("重点项目必须同时配备 A 角和 B 角。");

        (await app.Scalar<long>("SELECT count(*) FROM concierge_assignments WHERE project_id = @Id", project)).ShouldBe(0);
        (await Version(project.Id)).ShouldBe(project.Version);
        (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE object_id = @Id AND action = 'AssignConcierge' AND outcome = 'success'",
            new { Id = project.Id.ToString() })).ShouldBe(0);
    }

    [Fact]
    public async Task A_handover_ends_the_pair_with_its_reason_and_the_history_keeps_every_pair()
    {
        var officer = await app.As("officer");
        var officer2 = await app.As("officer2");
        var third = await NewOfficer("grainofficer3", "孙立新");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id, KeyProjectLevel.Municipal);

        await app.Send(new AssignConcierge(project.Id, officer.UserId!.Value, officer2.UserId, null), officer);
        var same = await app.Send(new AssignConcierge(project.Id, officer.UserId!.Value, officer2.UserId, null), officer);
        (await app.Scalar<long>("SELECT count(*) FROM concierge_assignments WHERE project_id = @Id", project)).ShouldBe(1); // the same pair again is no handover
        (await Should.ThrowAsync<ValidationException>(() => app.Send(new AssignConcierge(project.Id, third.UserId!.Value, officer2.UserId, null), officer)))
            .Errors.Single().ErrorCode.ShouldBe("concierge.handover_reason_required");
        var handed = await app.Send(new AssignConcierge(project.Id, third.UserId!.Value, officer2.UserId, "李志强调任"), officer);
        handed.ConciergeA.ShouldBe("孙立新");
        handed.Version.ShouldBe(same.Version + 1);

        var history = await app.Send(new GetConciergeHistory(project.Id), officer);
        history.Select(h => (h.AName, h.BName, h.EndedAt is null, h.HandoverReason)).ShouldBe([("孙立新", "赵晓燕", true, null), ("李志强", "赵晓燕", false, "李志强调任")]);
    }

    [Fact]
    public async Task A_disabled_officer_s_A_and_B_roles_pass_to_the_successor_at_once_and_the_history_says_why()
    {
        var officer = await app.As("officer");
        var admin = await app.As("admin");
        var leaving = await NewOfficer("grainofficer4", "钱佳琪");
        var successor = await NewOfficer("grainofficer6", "吴承");
        var other = await app.As("officer2");
        var investor = (await app.NewInvestor(officer)).Id;
        var asA = await app.NewProject(officer, investor, KeyProjectLevel.Provincial);
        var asB = await app.NewProject(officer, investor, KeyProjectLevel.Municipal);
        var untouched = await app.NewProject(officer, investor, KeyProjectLevel.Municipal);
        await app.Send(new AssignConcierge(asA.Id, leaving.UserId!.Value, other.UserId, null), officer);
        await app.Send(new AssignConcierge(asB.Id, other.UserId!.Value, leaving.UserId, null), officer);
        await app.Send(new AssignConcierge(untouched.Id, officer.UserId!.Value, other.UserId, null), officer);

        // Without a successor the officer is not disabled: the cases would be left without their A or B.
        (await Should.ThrowAsync<ValidationException>(() => app.Send(new SetUserDisabled(leaving.UserId!.Value, true), admin)))
            .Errors.Single().ErrorCode.ShouldBe("handover.successor_required");
        await app.Send(new SetUserDisabled(leaving.UserId!.Value, true, successor.UserId), admin);

        // No sweep, no wait, no gap: the next read shows the successor in the leaving officer's role.
        var projects = (await app.Send(new ListProjects(PageSize: 100), officer)).Items;
        var a = projects.Single(p => p.Id == asA.Id);
        (a.ConciergeA, a.ConciergeB).ShouldBe(("吴承", "赵晓燕"));
        var b = projects.Single(p => p.Id == asB.Id);
        (b.ConciergeA, b.ConciergeB).ShouldBe(("赵晓燕", "吴承"));
        (await app.Send(new ListProjects(LackingConcierge: true, PageSize: 100), officer)).Items.ShouldNotContain(p => p.Id == asA.Id || p.Id == asB.Id);

        var history = await app.Send(new GetConciergeHistory(asA.Id), officer);
        history.Count.ShouldBe(2);
        (history[0].AUserId, history[0].BUserId, history[0].EndedAt).ShouldBe((successor.UserId, other.UserId, null));
        history[1].AName.ShouldBe("钱佳琪");
        history[1].HandoverReason.ShouldBe(Application.Localization.Text.Get("handover.reason.disabled", "钱佳琪"));

        var caseload = await app.Send(new GetConciergeCaseload(), officer);
        caseload.ShouldNotContain(c => c.UserId == leaving.UserId);
        (await app.Scalar<long>("SELECT count(*) FROM concierge_assignments WHERE ended_at IS NULL AND @u IN (a_user_id, b_user_id)", new { u = leaving.UserId }))
            .ShouldBe(0);
        (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE action = 'SetUserDisabled' AND object_type = 'project' AND outcome = 'success' AND object_id IN (@a, @b)",
            new { a = asA.Id.ToString(), b = asB.Id.ToString() })).ShouldBe(2);
        (await app.Scalar<long>("SELECT count(*) FROM ledger_history WHERE event = 'Handover.Assigned' AND commitment_id IN (@a, @b)", new { a = asA.Id, b = asB.Id }))
            .ShouldBe(2);
    }

    [Fact]
    public async Task An_officer_who_serves_nothing_is_disabled_without_touching_any_project()
    {
        var admin = await app.As("admin");
        var idle = await NewOfficer("grainofficer5", "周文");
        var before = await app.Scalar<long>("SELECT count(*) FROM concierge_assignments");
        await app.Send(new SetUserDisabled(idle.UserId!.Value, true), admin);
        (await app.Scalar<long>("SELECT count(*) FROM concierge_assignments")).ShouldBe(before);
        (await app.Scalar<bool>("SELECT is_disabled FROM users WHERE id = @u", new { u = idle.UserId })).ShouldBeTrue();
    }

    [Fact]
    public async Task Creating_a_second_project_under_one_grain_id_is_a_conflict()
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var reply = await app.Grains.GetGrain<IProjectGrain>(project.Id).Create(
            new NewProject(officer.UnitId!.Value, "HC", project.InvestorId, "重复", 1m, null, null, KeyProjectLevel.None, Day, officer.UserId!.Value),
            Context(officer, "CreateProject"));
        reply.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Conflict);
        (await app.Scalar<string>("SELECT name FROM projects WHERE id = @Id", project)).ShouldBe(project.Name);
    }
}
