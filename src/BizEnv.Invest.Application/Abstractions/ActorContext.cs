namespace BizEnv.Invest.Application.Abstractions;

/// <summary>
/// Scoped holder of the current <see cref="Actor"/> and the request's Idempotency-Key (if any);
/// both set once by <see cref="RequestDispatcher"/> per request scope.
/// </summary>
public sealed class ActorContext
{
    private Actor? _actor;
    private string? _idempotencyKey;

    public Actor Actor
    {
        get => _actor ?? Actor.Anonymous(null);
        set => _actor = _actor is null ? value : throw new InvalidOperationException("The actor of a request scope is set once.");
    }

    /// <summary>
    /// The client's key for this one intended change (validated, see <c>Idempotency.IdempotencyKey</c>):
    /// a command sent again with it returns its first outcome instead of running twice. Null: no key.
    /// </summary>
    public string? IdempotencyKey
    {
        get => _idempotencyKey;
        set => _idempotencyKey = _idempotencyKey is null ? value : throw new InvalidOperationException("The idempotency key of a request scope is set once.");
    }
}
