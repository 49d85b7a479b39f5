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
