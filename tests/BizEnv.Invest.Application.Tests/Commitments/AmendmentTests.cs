using BizEnv.Invest.Application.Commitments.AmendCommitment;
using BizEnv.Invest.Application.Commitments.ListAmendments;
using BizEnv.Invest.Application.Commitments.RecordCommitment;
using BizEnv.Invest.Application.Commitments.ReviewAmendment;
using BizEnv.Invest.Application.Commitments.ReviewCommitment;
using BizEnv.Invest.Application.Commitments.SetAuthorityLimit;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;

namespace BizEnv.Invest.Application.Tests.Commitments;

public sealed class AmendmentTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<Application.Commitments.CommitmentState> SubsidyWithinAuthority(decimal value)
    {
        var officer = await app.As("officer");
        await app.Send(new SetAuthorityLimit(officer.UnitId!.Value, Role.PromotionOfficer, CommitmentKind.Subsidy, 1_000_000m, false), await app.As("admin"));
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var state = await app.Send(new RecordCommitment(project.Id, CommitmentKind.Subsidy, "设备补贴 50 万元", value, null, null, null,
            new DateOnly(2026, 11, 1), new DateOnly(2027, 6, 30), "海川市促进先进制造业发展若干政策", "海政发〔2025〕3号", null), officer);
        state.Status.ShouldBe(CommitmentStatus.Open);
        return state;
    }

    [Fact]
    public async Task A_narrowing_amendment_applies_at_once_and_a_widening_one_beyond_authority_waits_for_a_leader()
    {
        var officer = await app.As("officer");
        var promise = await SubsidyWithinAuthority(500_000m);

        var narrowed = await app.Send(new AmendCommitment(promise.Id, "设备补贴 40 万元（按实际投资额）", 400_000m, promise.PolicyTitle, promise.PolicyNumber, null,
            "按实际设备投资额核定", promise.Version), officer);
        narrowed.Applied.ShouldBeTrue();
        narrowed.State.ValueCny.ShouldBe(400_000m);

        var widened = await app.Send(new AmendCommitment(promise.Id, "设备补贴 200 万元", 2_000_000m, promise.PolicyTitle, promise.PolicyNumber, null,
            "投资方追加设备投资", narrowed.State.Version), officer);
        widened.Applied.ShouldBeFalse();
        widened.PendingReasonText!.ShouldContain("100 万元");
        widened.State.ValueCny.ShouldBe(400_000m); // the promise keeps its terms meanwhile

        // A second amendment while one waits is refused; so is one that takes the policy basis away.
        (await Should.ThrowAsync<DomainException>(() => app.Send(new AmendCommitment(promise.Id, "x", 1m, null, null, null, "y", widened.State.Version), officer)))
            .Code.ShouldBe("amendment.already_pending");

        var leader = await app.As("leader");
        var waiting = (await app.Send(new ListAmendments(), leader)).Single(a => a.CommitmentId == promise.Id);
        waiting.Widens.ShouldBeTrue();
        var applied = await app.Send(new ReviewAmendment(waiting.Id, true, "同意追加", waiting.Version), leader);
        applied.ValueCny.ShouldBe(2_000_000m);
        applied.Clause.ShouldBe("设备补贴 200 万元");
        (await app.LedgerEvents(promise.Id)).ShouldBe(["Recorded", "Amended", "AmendmentRequested", "Amended"]);
    }

    [Fact]
    public async Task Taking_the_policy_basis_away_is_a_widening_and_a_leader_can_reject_it()
    {
        var officer = await app.As("officer");
        var promise = await SubsidyWithinAuthority(300_000m);
        var result = await app.Send(new AmendCommitment(promise.Id, promise.Clause, 300_000m, null, null, null, "政策已废止", promise.Version), officer);
        result.Applied.ShouldBeFalse();
        result.PendingReasonText!.ShouldContain("政策依据");

        var leader = await app.As("leader");
        var waiting = (await app.Send(new ListAmendments(promise.Id), officer)).Single();
        await Should.ThrowAsync<FluentValidation.ValidationException>(() => app.Send(new ReviewAmendment(waiting.Id, false, null, waiting.Version), leader));
        var kept = await app.Send(new ReviewAmendment(waiting.Id, false, "须有政策依据", waiting.Version), leader);
        kept.PolicyNumber.ShouldBe(promise.PolicyNumber);
        (await app.LedgerEvents(promise.Id)).ShouldBe(["Recorded", "AmendmentRequested", "AmendmentRejected"]);
    }

    [Fact]
    public async Task A_leader_with_limits_cannot_approve_beyond_them()
    {
        var officer = await app.As("officer");
        var leader = await app.As("leader");
        // Once leader limits exist they are all a leader holds: subsidies stay unlimited for the other tests of this class.
        await app.Send(new SetAuthorityLimit(leader.UnitId!.Value, Role.Leader, CommitmentKind.Subsidy, null, false), await app.As("admin"));
        await app.Send(new SetAuthorityLimit(leader.UnitId!.Value, Role.Leader, CommitmentKind.Financing, 10_000_000m, false), await app.As("admin"));
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var pending = await app.Send(new RecordCommitment(project.Id, CommitmentKind.Financing, "协调贷款 5000 万元", 50_000_000m, null, null, null,
            new DateOnly(2026, 11, 1), new DateOnly(2027, 6, 30), "海川市金融支持实体经济办法", "海金发〔2024〕8号", null), officer);
        pending.Status.ShouldBe(CommitmentStatus.PendingApproval);
        (await Should.ThrowAsync<DomainException>(() => app.Send(new ReviewCommitment(pending.Id, true, "同意", pending.Version), leader)))
            .Code.ShouldBe("authority.approver_lacks");
        (await app.Send(new ReviewCommitment(pending.Id, false, "超出审批权限，报市政府常务会议", pending.Version), leader)).Status.ShouldBe(CommitmentStatus.Rejected);
    }
}
