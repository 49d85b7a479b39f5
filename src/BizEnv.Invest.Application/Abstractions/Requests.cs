using MediatR;

namespace BizEnv.Invest.Application.Abstractions;

/// <summary>A state-changing request: runs in one transaction and is written to the audit log.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;

/// <summary>A read-only request.</summary>
public interface IQuery<out TResponse> : IRequest<TResponse>;

/// <summary>Requests without a meaningful result answer with this.</summary>
public sealed record Done
{
    public static Done Value { get; } = new();
}

/// <summary>
/// A request whose handler takes any input as it comes and records its own refusals (sign-in: a
/// failed attempt with a 100,000-character name is still a failed attempt, and is audited as one),
/// so the shared input-sanity checks do not turn it away first.
/// </summary>
public interface IAcceptsAnyInput;

/// <summary>
/// A command carried out by a grain, which writes the change, its audit row and its Idempotency-Key
/// in a transaction of its own (<see cref="Common.Grains.CommandJournal"/>): the pipeline opens none
/// for it and audits only the attempts that never reached the grain's commit.
/// </summary>
public interface IGrainCommand : ICallsGrains;

/// <summary>
/// A request whose handler waits on a grain while it holds its request's connection (every grain command; a query
/// that has a grain bring stored figures up to date first; a command that hands work over to a grain in its
/// transaction): the pipeline lets only so many of them run at once, so the grains always find a connection
/// (<see cref="Common.Grains.GrainCallGate"/>).
/// </summary>
public interface ICallsGrains;
