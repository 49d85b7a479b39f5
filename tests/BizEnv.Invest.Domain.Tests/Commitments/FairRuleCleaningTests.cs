using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Tests.Commitments;

/// <summary>
/// A fair-competition rule as an admin types it: nothing given is refused field by field, keywords are capped at
/// their number (after blanks and repeats are dropped), and a keyword of white space alone never matches a clause. And
/// a condition counts only for the obligation it names.
/// </summary>
public sealed class FairRuleCleaningTests
{
    private static readonly CommitmentKind[] Land = [CommitmentKind.Land];

    [Fact]
    public void Missing_kinds_or_keywords_are_taken_as_none_and_named_or_allowed()
    {
        Should.Throw<FieldRuleException>(() => FairCompetitionReview.Clean(Guid.NewGuid(), "地价优惠", null, ["地价"], "条例第十条", true)).Field.ShouldBe("Kinds");
        FairCompetitionReview.Clean(Guid.NewGuid(), "地价优惠", Land, null, "条例第十条", true).Keywords.ShouldBeEmpty();
        var e = Should.Throw<FieldRuleException>(() => FairCompetitionReview.Clean(Guid.NewGuid(), "地价优惠", Land, ["地价"], " ", true));
        (e.Field, e.Code).ShouldBe(("LegalBasis", "fairreview.rule_basis_required"));
    }

    [Fact]
    public void Keywords_are_capped_at_their_number_after_blanks_and_repeats_are_dropped()
    {
        var max = FairCompetitionReview.MaxKeywords;
        var exactly = Enumerable.Range(0, max).Select(i => $"词{i}").ToList();
        FairCompetitionReview.Clean(Guid.NewGuid(), "规则", Land, [.. exactly, " ", "词0"], "依据", true).Keywords.Count.ShouldBe(max);
        var e = Should.Throw<FieldRuleException>(() => FairCompetitionReview.Clean(Guid.NewGuid(), "规则", Land, [.. exactly, "多一个"], "依据", true));
        (e.Field, e.Code, string.Join("|", e.Args)).ShouldBe(("Keywords", "fairreview.rule_keywords_too_many", $"{max}"));
    }

    [Fact]
    public void A_keyword_of_white_space_alone_never_matches()
    {
        var rule = new FairCompetitionRule(Guid.NewGuid(), "规则", Land, [" "], "依据", true);
        FairCompetitionReview.Matching([rule], CommitmentKind.Land, "提供工业用地 50 亩").ShouldBeEmpty();
    }

    [Fact]
    public void A_condition_is_satisfied_only_by_the_obligation_it_names()
    {
        var wanted = Guid.NewGuid();
        PromiseConditions.AllSatisfied([wanted], [new ConditionState(Guid.NewGuid(), "Met", new DateOnly(2026, 11, 1))]).ShouldBeFalse();
        PromiseConditions.AllSatisfied([wanted], [new ConditionState(wanted, "Met", new DateOnly(2026, 11, 1))]).ShouldBeTrue();
    }
}
