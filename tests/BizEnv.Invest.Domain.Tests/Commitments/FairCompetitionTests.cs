using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Zones;

namespace BizEnv.Invest.Domain.Tests.Commitments;

/// <summary>
/// The fair-competition review 公平竞争审查: which rules a promise's kind and clause match, and how a flagged promise
/// waits for the reviewing unit's opinion — alone, or together with a leader's approval, in either order.
/// </summary>
public sealed class FairCompetitionTests
{
    private static readonly Guid Zone = Guid.Parse("0b6f3b0e-5a0c-4f6e-9d55-1b2c3d4e5f60");

    private static readonly FairCompetitionRule TaxPreference = new(Guid.NewGuid(), "特定经营者税收优惠", [CommitmentKind.TaxRebate], ["减免", "返还", "奖励"],
        "《公平竞争审查条例》第十条");

    private static readonly FairCompetitionRule LandPrice = new(Guid.NewGuid(), "土地出让价格优惠", [CommitmentKind.Land], ["地价", "优惠"], "《公平竞争审查条例》第十条");

    private static readonly FairCompetitionRule EverySubsidy = new(Guid.NewGuid(), "选择性财政补贴", [CommitmentKind.Subsidy, CommitmentKind.Financing], [],
        "《公平竞争审查条例》第十条");

    private static readonly FairCompetitionRule[] Rules = [TaxPreference, LandPrice];

    private static readonly AuthorityLimit[] AnyKindAnyAmount = [.. Enum.GetValues<CommitmentKind>().Select(k => new AuthorityLimit(k, null))];
    private static readonly AuthorityLimit[] LandOnly = [new(CommitmentKind.Land, null)];

    private static PromiseTerms Terms(CommitmentKind kind = CommitmentKind.Land, string clause = "按基准地价的七成优惠供地", Guid? zone = null, decimal? value = 1_000_000m) =>
        new(kind, clause, value, zone, zone is null ? null : Resource.Land, zone is null ? null : 50m, new DateOnly(2026, 3, 1), new DateOnly(2026, 12, 31),
            "招商引资若干政策", "政发〔2025〕3号", "HT-2026-007");

    private static string Describe(AuthorityCheck.Verdict v) => v.ReasonCode!;

    // ---------------------------------------------------------------- matching

    [Fact]
    public void A_rule_matches_a_promise_of_its_kind_whose_clause_names_a_keyword_and_says_which()
    {
        var m = FairCompetitionReview.Matching(Rules, CommitmentKind.Land, "按基准地价的七成优惠供地").ShouldHaveSingleItem();
        m.RuleId.ShouldBe(LandPrice.Id);
        m.Name.ShouldBe("土地出让价格优惠");
        m.LegalBasis.ShouldBe("《公平竞争审查条例》第十条");
        m.Keywords.ShouldBe(["地价", "优惠"]);
    }

    [Theory]
    [InlineData(CommitmentKind.Land, "协调办理不动产权证")] // its kind, no keyword
    [InlineData(CommitmentKind.Infrastructure, "地价优惠路段配套")] // keywords, not its kind
    [InlineData(CommitmentKind.TaxRebate, "协助申报高新技术企业")]
    public void Kind_and_keyword_must_both_match(CommitmentKind kind, string clause) =>
        FairCompetitionReview.Matching(Rules, kind, clause).ShouldBeEmpty();

    [Fact]
    public void A_rule_without_keywords_matches_every_promise_of_its_kinds()
    {
        FairCompetitionReview.Matching([EverySubsidy], CommitmentKind.Financing, "协调银行授信").ShouldHaveSingleItem().Keywords.ShouldBeEmpty();
        FairCompetitionReview.Matching([EverySubsidy], CommitmentKind.Land, "协调银行授信").ShouldBeEmpty();
    }

    [Fact]
    public void A_paused_rule_matches_nothing() =>
        FairCompetitionReview.Matching([LandPrice with { Active = false }], CommitmentKind.Land, "地价优惠").ShouldBeEmpty();

    [Theory]
    [InlineData("按基准 地价 的七成供地")]
    [InlineData("按基准地\u3000价供地")]
    public void White_space_in_the_clause_does_not_hide_a_keyword(string clause) =>
        FairCompetitionReview.Matching(Rules, CommitmentKind.Land, clause).ShouldHaveSingleItem().Keywords.ShouldBe(["地价"]);

    [Fact]
    public void Latin_keywords_match_ignoring_case() =>
        FairCompetitionReview.Matching([new FairCompetitionRule(Guid.NewGuid(), "VAT", [CommitmentKind.TaxRebate], ["vat refund"], "第十条")],
            CommitmentKind.TaxRebate, "Full VAT Refund for 3 years").ShouldHaveSingleItem();

    [Fact]
    public void Every_matching_rule_is_named()
    {
        var rules = new[] { TaxPreference, EverySubsidy with { Kinds = [CommitmentKind.TaxRebate] } };
        FairCompetitionReview.Matching(rules, CommitmentKind.TaxRebate, "地方留成部分全额返还").Select(m => m.Name)
            .ShouldBe(["特定经营者税收优惠", "选择性财政补贴"]);
    }

    // ---------------------------------------------------------------- the rule list

    [Fact]
    public void A_rule_is_cleaned_as_typed()
    {
        var rule = FairCompetitionReview.Clean(Guid.NewGuid(), "  土地优惠 ", [CommitmentKind.Land, CommitmentKind.Land], [" 地价", "", null, "地价", "优惠 "],
            " 第十条 ", active: true);
        rule.Name.ShouldBe("土地优惠");
        rule.Kinds.ShouldBe([CommitmentKind.Land]);
        rule.Keywords.ShouldBe(["地价", "优惠"]);
        rule.LegalBasis.ShouldBe("第十条");
    }

    [Theory]
    [InlineData("", true, "第十条", "Name", "fairreview.rule_name_required")]
    [InlineData("土地优惠", false, "第十条", "Kinds", "fairreview.rule_kinds_required")]
    [InlineData("土地优惠", true, " ", "LegalBasis", "fairreview.rule_basis_required")]
    public void A_rule_needs_a_name_a_kind_and_a_legal_basis(string name, bool withKind, string basis, string field, string code)
    {
        var ex = Should.Throw<FieldRuleException>(() =>
            FairCompetitionReview.Clean(Guid.NewGuid(), name, withKind ? [CommitmentKind.Land] : [], ["地价"], basis, true));
        (ex.Field, ex.Code).ShouldBe((field, code));
    }

    [Fact]
    public void Too_many_keywords_are_refused() =>
        Should.Throw<FieldRuleException>(() => FairCompetitionReview.Clean(Guid.NewGuid(), "多", [CommitmentKind.Land],
            Enumerable.Range(0, FairCompetitionReview.MaxKeywords + 1).Select(i => $"词{i}"), "第十条", true)).Field.ShouldBe("Keywords");

    // ---------------------------------------------------------------- a flagged promise

    [Fact]
    public void A_matching_promise_within_authority_waits_for_the_review_only_and_binds_nothing()
    {
        var (p, change) = Promise.Record(Guid.NewGuid(), Terms(zone: Zone), AnyKindAnyAmount, Describe, Rules);
        p.Status.ShouldBe(CommitmentStatus.PendingApproval);
        p.PendingReason.ShouldBeNull();
        p.AwaitsLeader.ShouldBeFalse();
        p.FairReview.ShouldBe(FairReviewStatus.Pending);
        p.FairRules.ShouldHaveSingleItem().Name.ShouldBe("土地出让价格优惠");
        p.HoldsCapacity.ShouldBeFalse();
        p.IsRunning.ShouldBeFalse(); // no deadlines
        change.ShouldBe(new PromiseChange("Recorded", null, CapacityStep.None, JoinsRemediation: false));
    }

    [Fact]
    public void A_promise_that_matches_no_rule_binds_as_before()
    {
        var (p, change) = Promise.Record(Guid.NewGuid(), Terms(clause: "协调办理不动产权证", zone: Zone), AnyKindAnyAmount, Describe, Rules);
        p.Status.ShouldBe(CommitmentStatus.Open);
        p.FairReview.ShouldBeNull();
        change.Capacity.ShouldBe(CapacityStep.Hold);
    }

    [Fact]
    public void Passed_it_binds_and_takes_its_capacity()
    {
        var (p, _) = Promise.Record(Guid.NewGuid(), Terms(zone: Zone), AnyKindAnyAmount, Describe, Rules);
        var change = p.ReviewFairCompetition(true, "  经审查，符合条例第十二条例外情形。 ");
        p.Status.ShouldBe(CommitmentStatus.Open);
        p.FairReview.ShouldBe(FairReviewStatus.Passed);
        p.Version.ShouldBe(2);
        change.ShouldBe(new PromiseChange(Promise.FairReviewOpinion, "经审查，符合条例第十二条例外情形。", CapacityStep.Hold, JoinsRemediation: false));
    }

    [Fact]
    public void Refused_it_is_rejected()
    {
        var (p, _) = Promise.Record(Guid.NewGuid(), Terms(zone: Zone), AnyKindAnyAmount, Describe, Rules);
        var change = p.ReviewFairCompetition(false, "属于给予特定经营者的要素价格优惠");
        p.Status.ShouldBe(CommitmentStatus.Rejected);
        p.FairReview.ShouldBe(FairReviewStatus.Refused);
        change.ShouldBe(new PromiseChange(Promise.FairReviewOpinion, "属于给予特定经营者的要素价格优惠"));
        Should.Throw<DomainException>(() => p.ReviewFairCompetition(true, "再审")).Code.ShouldBe("fairreview.not_pending");
    }

    [Fact]
    public void Beyond_authority_the_leader_first_then_the_review_binds_it()
    {
        var (p, _) = Promise.Record(Guid.NewGuid(), Terms(CommitmentKind.TaxRebate, "地方留成部分全额返还", Zone), LandOnly, Describe, Rules);
        p.AwaitsLeader.ShouldBeTrue();
        p.FairReview.ShouldBe(FairReviewStatus.Pending);

        var approved = p.Approve([], Describe, "同意");
        approved.ShouldBe(new PromiseChange("Approved", "同意")); // no hold yet: the review is still open
        p.Status.ShouldBe(CommitmentStatus.PendingApproval);
        p.AwaitsLeader.ShouldBeFalse();
        p.PendingReason.ShouldBeNull();

        p.ReviewFairCompetition(true, "通过").Capacity.ShouldBe(CapacityStep.Hold);
        p.Status.ShouldBe(CommitmentStatus.Open);
    }

    [Fact]
    public void Beyond_authority_the_review_first_then_the_leader_binds_it()
    {
        var (p, _) = Promise.Record(Guid.NewGuid(), Terms(CommitmentKind.TaxRebate, "地方留成部分全额返还", Zone), LandOnly, Describe, Rules);
        p.ReviewFairCompetition(true, "通过").ShouldBe(new PromiseChange(Promise.FairReviewOpinion, "通过"));
        p.Status.ShouldBe(CommitmentStatus.PendingApproval);
        p.AwaitsLeader.ShouldBeTrue();

        p.Approve([], Describe, null).Capacity.ShouldBe(CapacityStep.Hold);
        p.Status.ShouldBe(CommitmentStatus.Open);
        p.FairReview.ShouldBe(FairReviewStatus.Passed);
    }

    [Fact]
    public void A_leader_may_still_reject_a_flagged_promise_and_then_no_opinion_is_taken()
    {
        var (p, _) = Promise.Record(Guid.NewGuid(), Terms(CommitmentKind.TaxRebate, "税收返还"), LandOnly, Describe, Rules);
        p.Reject("超出政策");
        Should.Throw<DomainException>(() => p.ReviewFairCompetition(true, "通过")).Code.ShouldBe("fairreview.not_pending");
    }

    [Fact]
    public void Within_authority_no_leader_is_asked()
    {
        var (p, _) = Promise.Record(Guid.NewGuid(), Terms(), AnyKindAnyAmount, Describe, Rules);
        Should.Throw<DomainException>(() => p.Approve([], Describe, "同意")).Code.ShouldBe("fairreview.leader_not_needed");
        p.Status.ShouldBe(CommitmentStatus.PendingApproval);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void An_opinion_needs_words(string? opinion)
    {
        var (p, _) = Promise.Record(Guid.NewGuid(), Terms(), AnyKindAnyAmount, Describe, Rules);
        Should.Throw<FieldRuleException>(() => p.ReviewFairCompetition(true, opinion)).Code.ShouldBe("fairreview.opinion_required");
        p.FairReview.ShouldBe(FairReviewStatus.Pending);
    }

    [Fact]
    public void A_promise_never_flagged_takes_no_opinion()
    {
        var (p, _) = Promise.Record(Guid.NewGuid(), Terms(clause: "办证"), LandOnly, Describe, Rules);
        Should.Throw<DomainException>(() => p.ReviewFairCompetition(true, "通过")).Code.ShouldBe("fairreview.not_pending");
    }

    [Fact]
    public void The_review_survives_a_reload()
    {
        var p = Promise.Restore(Guid.NewGuid(), Terms(), CommitmentStatus.PendingApproval, null, null, 2, null, fairReview: FairReviewStatus.Pending);
        p.AwaitsLeader.ShouldBeFalse();
        p.ReviewFairCompetition(true, "通过");
        p.Status.ShouldBe(CommitmentStatus.Open);
    }
}
