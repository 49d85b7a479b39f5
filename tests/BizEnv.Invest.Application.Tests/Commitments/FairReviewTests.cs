using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments;
using BizEnv.Invest.Application.Commitments.FairCompetition.GetFairReviewSetup;
using BizEnv.Invest.Application.Commitments.FairCompetition.ListFairCompetitionRules;
using BizEnv.Invest.Application.Commitments.FairCompetition.ListFairReviews;
using BizEnv.Invest.Application.Commitments.FairCompetition.RecordFairReviewOpinion;
using BizEnv.Invest.Application.Commitments.FairCompetition.RemoveFairCompetitionRule;
using BizEnv.Invest.Application.Commitments.FairCompetition.SaveFairCompetitionRule;
using BizEnv.Invest.Application.Commitments.FairCompetition.SetReviewingUnit;
using BizEnv.Invest.Application.Commitments.GetCommitment;
using BizEnv.Invest.Application.Commitments.RecordCommitment;
using BizEnv.Invest.Application.Commitments.ReviewCommitment;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Application.Tests.Zones;
using BizEnv.Invest.Application.Zones.GetZone;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Zones;
using FluentValidation;

namespace BizEnv.Invest.Application.Tests.Commitments;

/// <summary>
/// The fair-competition review 公平竞争审查 through the handlers, the promise's grain and real PostgreSQL: a promise
/// matching an admin's rule is recorded but binds nothing until a user of the reviewing unit (the legal office 法规处
/// of the demo) gives an opinion; with a leader's approval also needed, both must pass, in either order.
/// </summary>
public sealed class FairReviewTests(AppFixture app) : IClassFixture<AppFixture>
{
    internal const string LandClause = "按基准地价七折优惠供应工业用地";

    /// <summary>
    /// The admin's list (one land-price rule, one tax rule), the legal office named, and officers allowed any land promise:
    /// once per database (xUnit makes a new instance per test; the tests of a class run one after another).
    /// </summary>
    private Task ReadyAsync() => Ready(app);

    internal static async Task Ready(AppFixture app)
    {
        if ((await app.Query<Guid>("SELECT id FROM fair_competition_rules WHERE name = '土地出让价格优惠'")).Count > 0)
            return;
        var admin = await app.As("admin");
        await app.Send(new SaveFairCompetitionRule(null, "土地出让价格优惠", [CommitmentKind.Land], ["地价", "优惠"], "《公平竞争审查条例》第十条第（三）项"), admin);
        await app.Send(new SaveFairCompetitionRule(null, "特定经营者税收优惠", [CommitmentKind.TaxRebate], ["返还", "奖励"], "《公平竞争审查条例》第十条第（一）项"), admin);
        await app.Send(new SetReviewingUnit(await app.UnitId("HCFG")), admin);
        await app.AllowWithoutLimit(CommitmentKind.Land, "HCZS1");
    }

    private Task<(CommitmentState State, Guid Zone)> LandPromise(string clause = LandClause) => LandPromise(app, clause);

    /// <summary>A land promise of 40 亩 in a new zone of 100, recorded by the officer with the clause given (by default one naming 地价 and 优惠).</summary>
    internal static async Task<(CommitmentState State, Guid Zone)> LandPromise(AppFixture app, string clause = LandClause)
    {
        await Ready(app);
        var officer = await app.As("officer");
        var zone = await app.NewZone(landMu: 100);
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var state = await app.Send(new RecordCommitment(project.Id, CommitmentKind.Land, clause, null, zone, Resource.Land, Area.MuToSquareMetres(40),
            new DateOnly(2026, 11, 1), new DateOnly(2027, 6, 30), "海川市招商引资优惠政策", "海政发〔2024〕12号", "HT-2026-031"), officer);
        return (state, zone);
    }

    private async Task<decimal> Reserved(Guid zone) =>
        (await app.Send(new GetZone(zone), await app.As("officer"))).Zone.Capacity.Single(c => c.Resource == Resource.Land).Reserved;

    [Fact]
    public async Task A_matching_promise_is_flagged_and_binds_nothing_until_the_review()
    {
        var (state, zone) = await LandPromise();

        state.Status.ShouldBe(CommitmentStatus.PendingApproval);
        state.FairReview.ShouldBe(FairReviewStatus.Pending);
        state.PendingReason.ShouldBeNull(); // within the officer's authority: no leader is waited for
        (await Reserved(zone)).ShouldBe(0); // no capacity hold
        (await app.Scalar<long>("SELECT count(*) FROM remediation_joins WHERE commitment_id = @Id", new { state.Id })).ShouldBe(0);
        (await app.LedgerEvents(state.Id)).ShouldBe(["Recorded", "FairReview.Requested"]);
        var requested = (await app.Query<(string? Reason, string State)>(
            "SELECT reason, state FROM ledger_history WHERE commitment_id = @Id AND event = 'FairReview.Requested'", new { state.Id })).Single();
        requested.Reason.ShouldBe("土地出让价格优惠");
        requested.State.ShouldContain("《公平竞争审查条例》第十条第（三）项");

        var queue = await app.Send(new ListFairReviews(), await app.As("legal"));
        var item = queue.Single(i => i.Id == state.Id);
        item.Rules.ShouldHaveSingleItem().Keywords.ShouldBe(["地价", "优惠"]);
        item.AwaitsLeader.ShouldBeFalse();

        var detail = await app.Send(new GetCommitment(state.Id), await app.As("leader"));
        detail.FairReview!.Status.ShouldBe(FairReviewStatus.Pending);
        detail.FairReview.CanReview.ShouldBeFalse(); // a leader of another unit
        detail.CanReview.ShouldBeFalse(); // and no leader's approval is waited for
        (await app.Send(new GetCommitment(state.Id), await app.As("legal"))).FairReview!.CanReview.ShouldBeTrue();
    }

    [Fact]
    public async Task A_promise_matching_no_rule_binds_at_once_as_before()
    {
        var (state, zone) = await LandPromise("提供工业用地四十亩");
        state.Status.ShouldBe(CommitmentStatus.Open);
        state.FairReview.ShouldBeNull();
        (await Reserved(zone)).ShouldBe(Math.Round(Area.MuToSquareMetres(40), 2));
        (await app.LedgerEvents(state.Id)).ShouldBe(["Recorded"]);
    }

    [Fact]
    public async Task Only_a_user_of_the_reviewing_unit_gives_the_opinion_or_sees_the_queue()
    {
        var (state, _) = await LandPromise();
        foreach (var user in new[] { "leader", "officer", "admin", "integrity" })
        {
            (await Should.ThrowAsync<ForbiddenException>(() => app.Send(new RecordFairReviewOpinion(state.Id, true, "同意", state.Version), app.As(user).Result)))
                .Code.ShouldBe("fairreview.not_reviewer");
            await Should.ThrowAsync<ForbiddenException>(() => app.Send(new ListFairReviews(), app.As(user).Result));
        }
        (await app.Send(new GetFairReviewSetup(), await app.As("leader"))).IAmReviewer.ShouldBeFalse();
        (await app.Send(new GetFairReviewSetup(), await app.As("legal"))).ShouldSatisfyAllConditions(
            s => s.IAmReviewer.ShouldBeTrue(), s => s.ReviewingUnitName.ShouldBe("法规处"), s => s.Waiting.ShouldBeGreaterThan(0));
        (await app.Send(new GetCommitment(state.Id), await app.As("leader"))).State.Version.ShouldBe(state.Version);
        (await app.LedgerEvents(state.Id)).ShouldBe(["Recorded", "FairReview.Requested"]);
    }

    [Fact]
    public async Task Passed_the_promise_binds_and_holds_its_capacity()
    {
        var (state, zone) = await LandPromise();
        var legal = await app.As("legal");
        // An opinion without words is refused, and nothing changes.
        (await Should.ThrowAsync<ValidationException>(() => app.Send(new RecordFairReviewOpinion(state.Id, true, "  ", state.Version), legal)))
            .Errors.ShouldHaveSingleItem().PropertyName.ShouldBe("Opinion");

        var passed = await app.Send(new RecordFairReviewOpinion(state.Id, true, "经审查，不属于给予特定经营者的优惠", state.Version), legal);

        passed.Status.ShouldBe(CommitmentStatus.Open);
        passed.FairReview.ShouldBe(FairReviewStatus.Passed);
        (await Reserved(zone)).ShouldBe(Math.Round(Area.MuToSquareMetres(40), 2));
        (await app.LedgerEvents(state.Id)).ShouldBe(["Recorded", "FairReview.Requested", "FairReview.Opinion"]);
        (await app.Scalar<string>("SELECT reason FROM ledger_history WHERE commitment_id = @Id AND event = 'FairReview.Opinion'", new { state.Id }))
            .ShouldBe("经审查，不属于给予特定经营者的优惠");
        var review = (await app.Send(new GetCommitment(state.Id), legal)).FairReview!;
        (review.Status, review.Opinion, review.ReviewerName, review.CanReview).ShouldBe((FairReviewStatus.Passed, "经审查，不属于给予特定经营者的优惠", "孙立新", false));
        (await app.Send(new ListFairReviews(), legal)).ShouldNotContain(i => i.Id == state.Id);
        // Once given, the opinion is not given again.
        (await Should.ThrowAsync<DomainException>(() => app.Send(new RecordFairReviewOpinion(state.Id, false, "再议", passed.Version), legal)))
            .Code.ShouldBe("fairreview.not_pending");
    }

    [Fact]
    public async Task Refused_the_promise_is_rejected_and_holds_nothing()
    {
        var (state, zone) = await LandPromise();
        var refused = await app.Send(new RecordFairReviewOpinion(state.Id, false, "属于给予特定经营者的要素价格优惠", state.Version), await app.As("legal"));

        refused.Status.ShouldBe(CommitmentStatus.Rejected);
        refused.FairReview.ShouldBe(FairReviewStatus.Refused);
        (await Reserved(zone)).ShouldBe(0);
        (await app.LedgerEvents(state.Id)).ShouldBe(["Recorded", "FairReview.Requested", "FairReview.Opinion"]);
    }

    [Fact]
    public async Task Beyond_authority_both_the_leader_and_the_review_must_pass_in_either_order()
    {
        await ReadyAsync();
        var officer = await app.As("officer");
        var leader = await app.As("leader");
        var legal = await app.As("legal");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        RecordCommitment Rebate(string clause) => new(project.Id, CommitmentKind.TaxRebate, clause, 2_000_000m, null, null, null,
            new DateOnly(2026, 11, 1), new DateOnly(2027, 6, 30), "海川市招商引资优惠政策", "海政发〔2024〕12号", null);

        // The leader first: approved, it still waits for the review; then the review binds it.
        var first = await app.Send(Rebate("地方留成部分三年全额返还"), officer);
        (first.Status, first.FairReview).ShouldBe((CommitmentStatus.PendingApproval, FairReviewStatus.Pending));
        first.PendingReason.ShouldNotBeNull();
        (await app.Send(new ListFairReviews(), legal)).Single(i => i.Id == first.Id).AwaitsLeader.ShouldBeTrue();
        var approved = await app.Send(new ReviewCommitment(first.Id, true, "同意", first.Version), leader);
        (approved.Status, approved.PendingReason).ShouldBe((CommitmentStatus.PendingApproval, null));
        (await app.Send(new GetCommitment(first.Id), leader)).CanReview.ShouldBeFalse();
        var bound = await app.Send(new RecordFairReviewOpinion(first.Id, true, "符合条例例外情形", approved.Version), legal);
        bound.Status.ShouldBe(CommitmentStatus.Open);
        (await app.LedgerEvents(first.Id)).ShouldBe(["Recorded", "FairReview.Requested", "Approved", "FairReview.Opinion"]);

        // The review first: passed, it still waits for the leader; then the leader binds it.
        var second = await app.Send(Rebate("达产后给予税收奖励"), officer);
        var reviewed = await app.Send(new RecordFairReviewOpinion(second.Id, true, "同意", second.Version), legal);
        (reviewed.Status, reviewed.FairReview).ShouldBe((CommitmentStatus.PendingApproval, FairReviewStatus.Passed));
        (await app.Send(new GetCommitment(second.Id), leader)).CanReview.ShouldBeTrue();
        (await app.Send(new ReviewCommitment(second.Id, true, null, reviewed.Version), leader)).Status.ShouldBe(CommitmentStatus.Open);
        (await app.LedgerEvents(second.Id)).ShouldBe(["Recorded", "FairReview.Requested", "FairReview.Opinion", "Approved"]);
    }

    [Fact]
    public async Task A_leader_is_not_asked_to_approve_what_waits_for_the_review_only()
    {
        var (state, _) = await LandPromise();
        (await Should.ThrowAsync<DomainException>(() => app.Send(new ReviewCommitment(state.Id, true, "同意", state.Version), app.As("leader").Result)))
            .Code.ShouldBe("fairreview.leader_not_needed");
        (await app.LedgerEvents(state.Id)).ShouldBe(["Recorded", "FairReview.Requested"]);
    }

    [Fact]
    public async Task The_admin_keeps_the_rule_list_and_a_paused_or_removed_rule_flags_nothing_new()
    {
        await ReadyAsync();
        var admin = await app.As("admin");
        var rule = await app.Send(new SaveFairCompetitionRule(null, " 收费减免 ", [CommitmentKind.Other], ["减免", " 免收 ", "减免"], "第十条"), admin);
        (rule.Name, rule.Version).ShouldBe(("收费减免", 1));
        rule.Keywords.ShouldBe(["减免", "免收"]);
        (await Should.ThrowAsync<ValidationException>(() => app.Send(new SaveFairCompetitionRule(null, "收费减免", [CommitmentKind.Land], [], "第十条"), admin)))
            .Errors.ShouldHaveSingleItem().PropertyName.ShouldBe("Name");
        (await Should.ThrowAsync<ValidationException>(() => app.Send(new SaveFairCompetitionRule(null, "无类别", [], [], "第十条"), admin)))
            .Errors.ShouldHaveSingleItem().PropertyName.ShouldBe("Kinds");
        await Should.ThrowAsync<ForbiddenException>(() => app.Send(new ListFairCompetitionRules(), app.As("legal").Result));

        var paused = await app.Send(new SaveFairCompetitionRule(rule.Id, rule.Name, rule.Kinds, rule.Keywords, rule.LegalBasis, false, rule.Version), admin);
        paused.ShouldSatisfyAllConditions(r => r.Active.ShouldBeFalse(), r => r.Version.ShouldBe(2));
        await Should.ThrowAsync<ConcurrencyConflictException>(() =>
            app.Send(new SaveFairCompetitionRule(rule.Id, rule.Name, rule.Kinds, rule.Keywords, rule.LegalBasis, true, rule.Version), admin));

        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        await app.AllowWithoutLimit(CommitmentKind.Other, "HCZS1");
        RecordCommitment Fee() => new(project.Id, CommitmentKind.Other, "减免城市基础设施配套费", null, null, null, null,
            new DateOnly(2026, 11, 1), new DateOnly(2027, 6, 30), "海川市招商引资优惠政策", "海政发〔2024〕12号", null);
        (await app.Send(Fee(), officer)).FairReview.ShouldBeNull();

        var active = await app.Send(new SaveFairCompetitionRule(rule.Id, rule.Name, rule.Kinds, rule.Keywords, rule.LegalBasis, true, paused.Version), admin);
        (await app.Send(Fee(), officer)).FairReview.ShouldBe(FairReviewStatus.Pending);

        await app.Send(new RemoveFairCompetitionRule(active.Id), admin);
        (await app.Send(new ListFairCompetitionRules(), admin)).ShouldNotContain(r => r.Id == rule.Id);
        (await app.Send(Fee(), officer)).FairReview.ShouldBeNull();
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new RemoveFairCompetitionRule(active.Id), admin));
    }
}

/// <summary>The test class's node and a second one on the same database: two silos of one cluster.</summary>
public sealed class TwoFairReviewNodes : AppFixture, IAsyncLifetime
{
    public Testing.ClusterNode B { get; private set; } = default!;

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        B = await Testing.ClusterNode.StartAsync(Database.AppConnectionString, Database.OwnerConnectionString, Clock);
        await Task.WhenAll(Node.JoinedAsync(2), B.JoinedAsync(2));
    }

    public override async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>Recorded through one silo, reviewed through the other: the promise's one activation decides, once.</summary>
public sealed class FairReviewTwoNodeTests(TwoFairReviewNodes app) : IClassFixture<TwoFairReviewNodes>
{
    [Fact]
    public async Task The_opinion_sent_to_another_node_reaches_the_one_promise_and_is_given_once()
    {
        var (state, zone) = await FairReviewTests.LandPromise(app);
        var legal = await app.As("legal");

        var passed = await app.SendOn(app.B, new RecordFairReviewOpinion(state.Id, true, "同意", state.Version), legal);
        passed.Status.ShouldBe(CommitmentStatus.Open);
        // A second reviewer who read the promise before is told it changed; read again, there is nothing left to review.
        await Should.ThrowAsync<ConcurrencyConflictException>(() => app.SendOn(app.Node, new RecordFairReviewOpinion(state.Id, false, "不同意", state.Version), legal));
        (await Should.ThrowAsync<DomainException>(() => app.SendOn(app.Node, new RecordFairReviewOpinion(state.Id, false, "不同意", passed.Version), legal)))
            .Code.ShouldBe("fairreview.not_pending");
        (await app.Send(new GetZone(zone), await app.As("officer"))).Zone.Capacity.Single(c => c.Resource == Resource.Land).Reserved
            .ShouldBe(Math.Round(Area.MuToSquareMetres(40), 2));
        (await app.LedgerEvents(state.Id)).ShouldBe(["Recorded", "FairReview.Requested", "FairReview.Opinion"]);
    }
}
