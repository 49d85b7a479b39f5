using BizEnv.Invest.Application.Abstractions;
using MediatR;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>
/// Stands in for the handlers behind <see cref="RequestDispatcher"/> in component tests: it answers with canned results
/// and records what the component sent, as whom and under which idempotency key. The handlers themselves (and the
/// database behind them) are tested against real PostgreSQL elsewhere; here only the component's side is under test.
/// Scoped like the real mediator, so it sees the <see cref="ActorContext"/> the dispatcher filled in for the request.
/// </summary>
public sealed class CannedMediator(CannedMediator.Answers answers, ActorContext actor) : IMediator
{
    /// <summary>One per test: the answers to give and the requests received.</summary>
    public sealed class Answers
    {
        private readonly Dictionary<Type, Func<object, object>> _by = [];
        public List<(object Request, Actor Actor, string? IdempotencyKey)> Sent { get; } = [];

        /// <summary>Answer every <typeparamref name="TRequest"/> with <paramref name="answer"/> (which may throw, like a refusal).</summary>
        public Answers On<TRequest, TResponse>(Func<TRequest, TResponse> answer) where TRequest : MediatR.IRequest<TResponse>
        {
            _by[typeof(TRequest)] = r => answer((TRequest)r)!;
            return this;
        }

        internal object Answer(object request) =>
            _by.TryGetValue(request.GetType(), out var answer) ? answer(request)
                : throw new InvalidOperationException($"No canned answer for {request.GetType().Name}.");
    }

    public Task<TResponse> Send<TResponse>(MediatR.IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        answers.Sent.Add((request, actor.Actor, actor.IdempotencyKey));
        return Task.FromResult((TResponse)answers.Answer(request));
    }

    public Task Send(MediatR.IRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The application's requests all have a response.");

    public Task Publish(object notification, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
        where TNotification : INotification => Task.CompletedTask;
}
