using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Chains;

/// <summary>Where a 招商目标 stands. Stored by name; <see cref="Signed"/> is never stored: it is read from the target's signed project.</summary>
public enum ChainTargetStatus
{
    Identified,
    Contacted,
    Negotiating,
    Signed,
    Dropped,
}

/// <summary>Why a firm is targeted: 补链 fills a missing node, 强链 strengthens a weak (or strong) one, 延链 extends the chain with a newly added link.</summary>
public enum ChainTargetLabel
{
    Fill,
    Strengthen,
    Extend,
}

/// <summary>
/// The path gap → target → visit → signed project → gap closed. A visit moves a new target to
/// "contacted", a linked project to "negotiating" (the officer may also move it forward by hand);
/// "signed" is only ever the state of the linked project — a target cannot be declared signed without
/// one — and a signed project outranks whatever was stored. Dropping needs a reason and a dropped
/// target can be taken up again.
/// </summary>
public static class ChainTargetRules
{
    private static readonly ChainTargetStatus[] Forward = [ChainTargetStatus.Identified, ChainTargetStatus.Contacted, ChainTargetStatus.Negotiating];

    /// <summary>The label a new target gets, fixed at creation so a closed gap still counts as 补链 afterwards.</summary>
    public static ChainTargetLabel LabelFor(ChainNodeStatus nodeStatus, bool isExtension) =>
        isExtension ? ChainTargetLabel.Extend : nodeStatus == ChainNodeStatus.Missing ? ChainTargetLabel.Fill : ChainTargetLabel.Strengthen;

    public static ChainTargetStatus Effective(ChainTargetStatus stored, bool hasSignedProject) =>
        hasSignedProject ? ChainTargetStatus.Signed : stored;

    public static ChainTargetStatus AfterVisit(ChainTargetStatus stored) =>
        stored == ChainTargetStatus.Identified ? ChainTargetStatus.Contacted : stored;

    public static ChainTargetStatus AfterProjectLinked(ChainTargetStatus stored) =>
        stored is ChainTargetStatus.Identified or ChainTargetStatus.Contacted ? ChainTargetStatus.Negotiating : stored;

    /// <summary>A move by hand: forward, to dropped (with a reason) or back from dropped to identified.</summary>
    public static void EnsureManualMove(ChainTargetStatus stored, ChainTargetStatus to, string? reason, bool hasSignedProject)
    {
        if (hasSignedProject)
            throw new DomainException("chain.target_already_signed");
        if (to == ChainTargetStatus.Signed)
            throw new DomainException("chain.target_signed_by_project");
        if (to == stored)
            throw new DomainException("chain.target_same_status", to);
        if (stored == ChainTargetStatus.Dropped)
        {
            if (to != ChainTargetStatus.Identified)
                throw new DomainException("chain.target_dropped_reopen_only");
            return;
        }
        if (to == ChainTargetStatus.Dropped)
        {
            if (string.IsNullOrWhiteSpace(reason))
                throw new DomainException("chain.target_drop_reason_required");
            return;
        }
        if (Array.IndexOf(Forward, to) < Array.IndexOf(Forward, stored))
            throw new DomainException("chain.target_backwards", stored, to);
    }

    /// <summary>Visits and projects attach only to a target that is still being pursued.</summary>
    public static void EnsureOpen(ChainTargetStatus stored)
    {
        if (stored == ChainTargetStatus.Dropped)
            throw new DomainException("chain.target_dropped");
    }
}
