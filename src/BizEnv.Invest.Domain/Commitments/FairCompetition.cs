using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Commitments;

/// <summary>
/// One rule of the fair-competition review list 公平竞争审查: a promise of one of <see cref="Kinds"/> whose clause
/// names one of <see cref="Keywords"/> (no keywords: any promise of those kinds) favours a specific firm in a way
/// the Fair Competition Review Regulation (in force 2024-08-01) restricts, so it needs a review opinion before it binds.
/// </summary>
public sealed record FairCompetitionRule(Guid Id, string Name, IReadOnlyCollection<CommitmentKind> Kinds, IReadOnlyCollection<string> Keywords,
    string LegalBasis, bool Active = true);

/// <summary>Where a flagged promise's review stands.</summary>
public enum FairReviewStatus
{
    Pending,
    Passed,
    Refused,
}

/// <summary>A rule a promise matched, as it read at recording (kept with the promise: later edits of the rule do not rewrite history).</summary>
public sealed record FairRuleMatch(Guid RuleId, string Name, string LegalBasis, IReadOnlyList<string> Keywords);

public static class FairCompetitionReview
{
    public const int MaxKeywords = 20;

    /// <summary>
    /// The active rules a promise's kind and clause match, with the keywords found. Keywords match
    /// ignoring case and white space (a clause typed as "地 价" still names 地价).
    /// </summary>
    public static IReadOnlyList<FairRuleMatch> Matching(IEnumerable<FairCompetitionRule> rules, CommitmentKind kind, string clause)
    {
        var text = Squeeze(clause);
        var found = new List<FairRuleMatch>();
        foreach (var rule in rules.Where(r => r.Active && r.Kinds.Contains(kind)))
        {
            var words = rule.Keywords.Where(k => Squeeze(k).Length > 0 && text.Contains(Squeeze(k), StringComparison.OrdinalIgnoreCase)).ToList();
            if (rule.Keywords.Count == 0 || words.Count > 0)
                found.Add(new FairRuleMatch(rule.Id, rule.Name, rule.LegalBasis, words));
        }
        return found;
    }

    /// <summary>A rule as an admin typed it, cleaned (trimmed, blank and repeated keywords dropped) and checked.</summary>
    public static FairCompetitionRule Clean(Guid id, string? name, IEnumerable<CommitmentKind>? kinds, IEnumerable<string?>? keywords, string? legalBasis,
        bool active)
    {
        var n = (name ?? "").Trim();
        if (n.Length == 0)
            throw new FieldRuleException("Name", "fairreview.rule_name_required");
        var k = (kinds ?? []).Distinct().ToList();
        if (k.Count == 0)
            throw new FieldRuleException("Kinds", "fairreview.rule_kinds_required");
        var words = (keywords ?? []).Select(w => (w ?? "").Trim()).Where(w => w.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (words.Count > MaxKeywords)
            throw new FieldRuleException("Keywords", "fairreview.rule_keywords_too_many", MaxKeywords);
        var basis = (legalBasis ?? "").Trim();
        if (basis.Length == 0)
            throw new FieldRuleException("LegalBasis", "fairreview.rule_basis_required");
        return new FairCompetitionRule(id, n, k, words, basis, active);
    }

    private static string Squeeze(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
}
