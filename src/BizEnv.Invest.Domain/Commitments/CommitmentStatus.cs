using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Commitments;

public enum CommitmentStatus
{
    PendingApproval,
    Rejected,
    Open,
    InProgress,
    PartlyFulfilled,
    Extended,
    Fulfilled,
    Cancelled,
    Lapsed,

    /// <summary>A conditional promise whose due date ended with an investor's condition unmet: not a breach; it waits for the condition.</summary>
    ConditionUnmet,
}

/// <summary>
/// The lifecycle: pending approval → open (or rejected); open → in progress → fulfilled | partly
/// fulfilled | extended | cancelled | lapsed. Partly fulfilled and extended promises are still
/// running (they can be fulfilled, extended again, cancelled, or lapse). Final: fulfilled, cancelled,
/// lapsed, rejected. A conditional promise whose condition is unmet when it falls due becomes condition
/// unmet instead of lapsed; once its conditions are met it is open again (or it is cancelled by agreement).
/// </summary>
public static class CommitmentLifecycle
{
    private static readonly Dictionary<CommitmentStatus, CommitmentStatus[]> Allowed = new()
    {
        [CommitmentStatus.PendingApproval] = [CommitmentStatus.Open, CommitmentStatus.Rejected],
        [CommitmentStatus.Open] = [CommitmentStatus.InProgress, CommitmentStatus.Fulfilled, CommitmentStatus.PartlyFulfilled, CommitmentStatus.Extended, CommitmentStatus.Cancelled, CommitmentStatus.Lapsed, CommitmentStatus.ConditionUnmet],
        [CommitmentStatus.InProgress] = [CommitmentStatus.Fulfilled, CommitmentStatus.PartlyFulfilled, CommitmentStatus.Extended, CommitmentStatus.Cancelled, CommitmentStatus.Lapsed, CommitmentStatus.ConditionUnmet],
        [CommitmentStatus.PartlyFulfilled] = [CommitmentStatus.Fulfilled, CommitmentStatus.PartlyFulfilled, CommitmentStatus.Extended, CommitmentStatus.Cancelled, CommitmentStatus.Lapsed, CommitmentStatus.ConditionUnmet],
        [CommitmentStatus.Extended] = [CommitmentStatus.InProgress, CommitmentStatus.Fulfilled, CommitmentStatus.PartlyFulfilled, CommitmentStatus.Extended, CommitmentStatus.Cancelled, CommitmentStatus.Lapsed, CommitmentStatus.ConditionUnmet],
        [CommitmentStatus.ConditionUnmet] = [CommitmentStatus.Open, CommitmentStatus.Cancelled],
    };

    /// <summary>Statuses in which the promise is still owed and its due date can lapse.</summary>
    public static readonly IReadOnlySet<CommitmentStatus> Running = new HashSet<CommitmentStatus>
        { CommitmentStatus.Open, CommitmentStatus.InProgress, CommitmentStatus.PartlyFulfilled, CommitmentStatus.Extended };

    public static bool IsFinal(CommitmentStatus status) => !Allowed.ContainsKey(status);

    public static bool CanMove(CommitmentStatus from, CommitmentStatus to) => Allowed.TryGetValue(from, out var next) && next.Contains(to);

    public static void EnsureCanMove(CommitmentStatus from, CommitmentStatus to)
    {
        if (!CanMove(from, to))
            throw new DomainException(IsFinal(from) ? "commitment.final" : "commitment.transition_refused", from, to);
    }
}
