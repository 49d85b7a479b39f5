using System.Text.RegularExpressions;
using BizEnv.Invest.Application.Localization;

namespace BizEnv.Invest.Application.Audit;

/// <summary>
/// The audit log's stored codes in the reader's language: the action ("RecordCommitment" → 登记承诺),
/// the kind of object, the outcome, and why an action was refused.
/// </summary>
public static partial class AuditWords
{
    public static string Action(string action) => Word("auditaction." + action, action);

    public static string ObjectType(string type) => Word("auditobject." + type, type);

    /// <summary>"refused:user.cannot_disable_self" → 规则拒绝; the part after the colon is the reason's business.</summary>
    public static string Outcome(string outcome) => Word("audit.outcome." + Kind(outcome), outcome);

    /// <summary>
    /// Why: the stored coded reason; for rows written before reasons were stored, the code in the
    /// outcome ("refused:code", "failure:locked") in words, its placeholders left out.
    /// </summary>
    public static string? Reason(string outcome, string? reason)
    {
        if (reason is not null)
            return CodedText.Render(reason);
        var colon = outcome.IndexOf(':');
        if (colon < 0)
            return null;
        var code = outcome[(colon + 1)..];
        var key = Text.Has(code) ? code : "auditreason." + code;
        return Text.Has(key) ? Placeholder().Replace(Text.Get(key), "…") : null;
    }

    /// <summary>Every action the log can hold (each has its words), for the filter.</summary>
    public static IEnumerable<string> Actions => Text.Keys(Text.Chinese).Where(k => k.StartsWith("auditaction.", StringComparison.Ordinal)).Select(k => k["auditaction.".Length..]);

    /// <summary>The outcome kinds the log holds, for the filter.</summary>
    public static readonly IReadOnlyList<string> Outcomes =
        ["success", "replayed", "failure", "refused", "invalid", "forbidden", "unauthenticated", "not-found", "conflict", "unavailable", "outcome_unknown", "error"];

    private static string Kind(string outcome) => outcome.IndexOf(':') is var colon and >= 0 ? outcome[..colon] : outcome;

    private static string Word(string key, string fallback) => Text.Has(key) ? Text.Get(key) : fallback;

    [GeneratedRegex(@"[""“]?\{\d+(:[^}]*)?\}[""”]?")]
    private static partial Regex Placeholder();
}
