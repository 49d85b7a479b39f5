namespace BizEnv.Invest.Application.Abstractions;

/// <summary>Scoped holder of the current <see cref="Actor"/>; set once by <see cref="RequestDispatcher"/> per request scope.</summary>
public sealed class ActorContext
{
    private Actor? _actor;

    public Actor Actor
    {
        get => _actor ?? Actor.Anonymous(null);
        set => _actor = _actor is null ? value : throw new InvalidOperationException("The actor of a request scope is set once.");
    }
}
