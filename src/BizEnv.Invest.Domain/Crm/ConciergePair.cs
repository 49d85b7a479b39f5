namespace BizEnv.Invest.Domain.Crm;

/// <summary>What a project's concierge pair lacks: nothing, its A officer, or its B officer.</summary>
public enum ConciergeGap
{
    None,
    NoA,
    NoB,
}

/// <summary>
/// A project's current concierge 店小二 pair. Normally an A with an optional B (see <see cref="ConciergeRules"/>);
/// when a leaving officer's successor already held the other role the B side is empty until a new pair is
/// assigned, and pairs stored before handovers existed may lack either side.
/// </summary>
public sealed record ConciergePair(Guid? A, Guid? B)
{
    public bool Serves(Guid officer) => A == officer || B == officer;

    public bool IsEmpty => A is null && B is null;

    /// <summary>The gap the UI shows: an open key project must have both an A and a B.</summary>
    public static ConciergeGap GapOf(ConciergePair? pair, KeyProjectLevel level, ProjectStage stage)
    {
        if (level == KeyProjectLevel.None || ProjectStages.IsFinal(stage))
            return ConciergeGap.None;
        if (pair?.A is null)
            return ConciergeGap.NoA;
        return pair.B is null ? ConciergeGap.NoB : ConciergeGap.None;
    }
}
