using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Handover;

/// <summary>Why a user's open items change hands: their account is disabled, or they move to another unit.</summary>
public enum HandoverCause
{
    Disabled,
    Moved,
}

/// <summary>How many open items of one kind (promise, concierge case, demand, agreement …) a user owns.</summary>
public sealed record OpenItems(string Kind, int Count);

/// <summary>
/// The rules of a departure 新官理旧账: a user who owns open items may leave (be disabled or moved) only
/// with a named successor, never themselves, whom every kind of item they own accepts as its owner.
/// A user who owns nothing open leaves without one.
/// </summary>
public static class HandoverRules
{
    public const string SuccessorField = "SuccessorId";

    /// <summary>
    /// Refuses the departure unless it leaves nothing without an owner. The refusal names the counts
    /// per kind (stored as coded text, each reader sees their own language).
    /// </summary>
    /// <returns>Whether there is anything to hand over.</returns>
    public static bool EnsureCanDepart(Guid leaving, IReadOnlyList<OpenItems> open, Guid? successor, IReadOnlyCollection<string> kindsRefusingSuccessor)
    {
        var owned = open.Where(o => o.Count > 0).ToList();
        if (owned.Count == 0)
            return false;
        if (successor is null)
            throw new FieldRuleException(SuccessorField, "handover.successor_required", Describe(owned));
        if (successor == leaving)
            throw new FieldRuleException(SuccessorField, "handover.successor_is_leaving");
        var refusing = owned.Where(o => kindsRefusingSuccessor.Contains(o.Kind)).ToList();
        if (refusing.Count > 0)
            throw new FieldRuleException(SuccessorField, "handover.successor_cannot_own", Describe(refusing));
        return true;
    }

    /// <summary>"promises 3 · concierge cases 1" as coded text.</summary>
    public static string Describe(IEnumerable<OpenItems> items) =>
        string.Join(" · ", items.Select(o => Coded.Text("handover.count", new Coded.Key("handoverkind." + o.Kind), o.Count)));
}
