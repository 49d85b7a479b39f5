using BizEnv.Invest.Application.Commitments;
using BizEnv.Invest.Application.Commitments.FairCompetition;
using BizEnv.Invest.Application.Commitments.FairCompetition.GetFairReviewSetup;
using BizEnv.Invest.Application.Commitments.FairCompetition.ListFairReviews;
using BizEnv.Invest.Application.Commitments.FairCompetition.RecordFairReviewOpinion;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Web.Components.Pages.Commitments.FairCompetition;
using Bunit;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>
/// The fair-competition review's pieces of page: the opinion form, the flag on a promise's page, the reviewing unit's
/// queue and the keyword box of the admin's rule form. The rules and the unit check are tested against real PostgreSQL
/// elsewhere; here only what the components make of canned answers.
/// </summary>
public sealed class FairReviewComponentTests : AppPageComponentTest
{
    private static readonly Guid Id = Guid.Parse("3f0c1e2d-4b5a-4c6d-8e7f-9a0b1c2d3e4f");

    private static readonly FairRuleMatch LandRule = new(Guid.NewGuid(), "土地出让价格优惠", "《公平竞争审查条例》第十条第（三）项", ["地价", "优惠"]);

    private static CommitmentState State(CommitmentStatus status, FairReviewStatus review) => new(Id, Guid.Empty, "HC-2026-0009", Guid.Empty, "海川锂电", Guid.Empty,
        CommitmentKind.Land, "按基准地价七折优惠供地", null, null, null, null, new DateOnly(2026, 11, 1), new DateOnly(2027, 6, 30), "李志强", null, null, null,
        status, null, null, 3, review);

    [Fact]
    public void An_opinion_without_words_is_asked_for_and_nothing_is_sent()
    {
        using var _ = In(Text.Chinese);
        var cut = Render<FairReviewOpinionForm>(p => p.Add(x => x.CommitmentId, Id).Add(x => x.Version, 3));
        cut.Find("[data-testid=fair-pass]").Click();

        cut.Find(".invalid-feedback").TextContent.ShouldContain("请填写审查意见");
        Answers.Sent.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(true, "fair-pass", "已出具审查意见：通过。")]
    [InlineData(false, "fair-refuse", "已出具审查意见：不通过，承诺已驳回。")]
    public void The_opinion_is_sent_with_the_version_read_and_the_page_is_told(bool pass, string button, string told)
    {
        using var _ = In(Text.Chinese);
        Answers.On<RecordFairReviewOpinion, CommitmentState>(r => State(r.Pass ? CommitmentStatus.Open : CommitmentStatus.Rejected,
            r.Pass ? FairReviewStatus.Passed : FairReviewStatus.Refused));
        string? done = null;
        var cut = Render<FairReviewOpinionForm>(p => p.Add(x => x.CommitmentId, Id).Add(x => x.Version, 3).Add(x => x.OnDone, m => done = m));
        cut.Find("[data-testid=fair-opinion]").Change("  不属于给予特定经营者的优惠 ");
        cut.Find($"[data-testid={button}]").Click();

        Answers.Sent.ShouldHaveSingleItem().Request.ShouldBe(new RecordFairReviewOpinion(Id, pass, "不属于给予特定经营者的优惠", 3));
        done.ShouldBe(told);
        cut.Find("[data-testid=fair-opinion]").GetAttribute("value").ShouldBeNullOrEmpty();
    }

    [Fact]
    public void The_flag_on_a_promise_shows_the_rules_and_the_form_only_to_the_reviewing_unit()
    {
        using var _ = In(Text.Chinese);
        var pending = new FairReviewDto(FairReviewStatus.Pending, [LandRule], null, null, null, CanReview: false);
        var cut = Render<FairReviewPanel>(p => p.Add(x => x.Review, pending).Add(x => x.CommitmentId, Id).Add(x => x.Version, 3));
        cut.Find("[data-testid=fair-review-badge]").TextContent.ShouldContain("待公平竞争审查");
        var rule = cut.Find("[data-testid=fair-rule]");
        rule.TextContent.ShouldContain("土地出让价格优惠");
        rule.TextContent.ShouldContain("地价");
        rule.TextContent.ShouldContain("第十条第（三）项");
        cut.FindAll("[data-testid=fair-opinion-form]").ShouldBeEmpty();

        cut.Render(p => p.Add(x => x.Review, pending with { CanReview = true }));
        cut.FindAll("[data-testid=fair-opinion-form]").Count.ShouldBe(1);
    }

    [Fact]
    public void A_given_opinion_is_shown_with_who_gave_it_and_when_in_beijing_time()
    {
        using var _ = In(Text.English);
        var passed = new FairReviewDto(FairReviewStatus.Passed, [LandRule], "符合例外情形", "孙立新", new DateTimeOffset(2026, 11, 20, 16, 30, 0, TimeSpan.Zero), false);
        var cut = Render<FairReviewPanel>(p => p.Add(x => x.Review, passed).Add(x => x.CommitmentId, Id).Add(x => x.Version, 4));
        cut.Find("[data-testid=fair-review-badge]").GetAttribute("data-status").ShouldBe("Passed");
        var given = cut.Find("[data-testid=fair-opinion-given]").TextContent;
        given.ShouldContain("Opinion of 孙立新 on 2026-11-21 00:30");
        given.ShouldContain("符合例外情形");
        cut.FindAll("[data-testid=fair-opinion-form]").ShouldBeEmpty();
    }

    [Fact]
    public void Outside_the_reviewing_unit_the_queue_says_who_reviews_and_asks_for_nothing_else()
    {
        using var _ = In(Text.Chinese);
        Answers.On<GetFairReviewSetup, FairReviewSetup>(_ => new FairReviewSetup(Guid.NewGuid(), "法规处", false, 0));
        var cut = Render<FairReviewQueuePage>();
        cut.Markup.ShouldContain("公平竞争审查由法规处负责");
        Answers.Sent.Select(s => s.Request).ShouldBe([new GetFairReviewSetup()]);
    }

    [Fact]
    public void The_queue_lists_each_flagged_promise_and_reads_again_after_an_opinion()
    {
        using var _ = In(Text.Chinese);
        var item = new FairReviewItem(Id, "HC-2026-0009", "海川锂电", "招商一处", CommitmentKind.TaxRebate, "地方留成部分全额返还", 2_000_000m,
            new DateOnly(2026, 11, 1), new DateOnly(2027, 6, 30), "李志强", AwaitsLeader: true, [LandRule], 3);
        var lists = 0;
        Answers.On<GetFairReviewSetup, FairReviewSetup>(_ => new FairReviewSetup(Guid.NewGuid(), "法规处", true, 1))
            .On<ListFairReviews, IReadOnlyList<FairReviewItem>>(_ => ++lists == 1 ? [item] : [])
            .On<RecordFairReviewOpinion, CommitmentState>(_ => State(CommitmentStatus.PendingApproval, FairReviewStatus.Passed));
        var cut = Render<FairReviewQueuePage>();
        var row = cut.Find("[data-testid=fair-queue-item]");
        row.QuerySelector("[data-testid=fair-queue-link]")!.GetAttribute("href").ShouldBe($"/commitments/{Id}");
        row.QuerySelector("[data-testid=fair-awaits-leader]").ShouldNotBeNull();

        cut.Find("[data-testid=fair-opinion]").Change("同意");
        cut.Find("[data-testid=fair-pass]").Click();

        lists.ShouldBe(2);
        cut.Markup.ShouldContain("暂无待审查承诺");
        cut.Markup.ShouldContain("已出具审查意见：通过。");
    }

    [Theory]
    [InlineData("减免，返还、奖励 地价;优惠", new[] { "减免", "返还", "奖励", "地价", "优惠" })]
    [InlineData(" 地价 ,, 地价\n", new[] { "地价" })]
    [InlineData("", new string[0])]
    [InlineData(null, new string[0])]
    public void Keywords_are_typed_in_one_box_with_chinese_or_latin_separators(string? typed, string[] keywords) =>
        FairRuleText.Keywords(typed).ShouldBe(keywords);
}
