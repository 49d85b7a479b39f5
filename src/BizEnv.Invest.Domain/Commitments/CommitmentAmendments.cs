namespace BizEnv.Invest.Domain.Commitments;

/// <summary>
/// An amendment of a promise's terms. It widens the promise when the government side would owe
/// more than before: a higher value, a value where there was none, or the policy basis taken away.
/// A widening amendment passes the same authority check as a new promise; a narrowing or wording
/// one applies at once (still with a reason, still on the ledger).
/// </summary>
public static class CommitmentAmendment
{
    public static bool Widens(decimal? oldValue, decimal? newValue, bool oldHasPolicyBasis, bool newHasPolicyBasis) =>
        (newValue ?? 0) > (oldValue ?? 0) || (oldHasPolicyBasis && !newHasPolicyBasis);

    /// <summary>Only a promise that is still owed can change terms; a pending one is reviewed, not amended.</summary>
    public static bool CanAmend(CommitmentStatus status) => CommitmentLifecycle.Running.Contains(status);
}
