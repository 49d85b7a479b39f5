namespace BizEnv.Invest.Application.Errors;

/// <summary>
/// The database could not be reached (refused, dropped, shutting down, timed out) before the
/// command's commit was sent: its transaction never committed, so nothing was saved (503).
/// </summary>
public sealed class DatabaseUnavailableException(Exception inner) : Exception("fault.database_unavailable", inner);

/// <summary>
/// The cluster node that carries out the command could not be reached (it had just died, and the
/// cluster had not yet moved its objects elsewhere): the command was never delivered, nothing was
/// saved (503); a few seconds later another node takes the object over.
/// </summary>
public sealed class ClusterUnavailableException(Exception inner) : Exception("fault.cluster_unavailable", inner);

/// <summary>
/// So many requests were waiting on the grains at once that this one's turn did not come within
/// <see cref="Common.Grains.GrainCallGate.LongestWait"/>: it was not carried out, nothing was saved (503).
/// </summary>
public sealed class ServerBusyException() : Exception("fault.busy");

/// <summary>
/// The commit was sent but no answer came back: the command may or may not have been saved (503).
/// Never audited as a failure, since its success row may well be in the database.
/// </summary>
public sealed class OutcomeUnknownException(Exception inner, bool keyed) : Exception("fault.outcome_unknown", inner)
{
    /// <summary>The command carried an Idempotency-Key, so repeating it with that key is safe.</summary>
    public bool Keyed { get; } = keyed;
}

/// <summary>The Idempotency-Key was first used for a different request; this one was not carried out (422).</summary>
public sealed class IdempotencyKeyReusedException() : Exception("idempotency.key_reused");

/// <summary>The first request with this Idempotency-Key is still running and did not finish in time (409).</summary>
public sealed class IdempotencyKeyInProgressException() : Exception("idempotency.in_progress");
