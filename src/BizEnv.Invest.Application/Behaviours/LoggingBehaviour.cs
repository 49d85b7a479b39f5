using System.Diagnostics;
using BizEnv.Invest.Application.Abstractions;
using MediatR;
using Microsoft.Extensions.Logging;

namespace BizEnv.Invest.Application.Behaviours;

/// <summary>Just inside the trace span: one log line per request with who, what and how long (and the span's ids).</summary>
public sealed class LoggingBehaviour<TRequest, TResponse>(ActorContext actor, ILogger<LoggingBehaviour<TRequest, TResponse>> log)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            log.LogInformation("{Request} by {User} ok in {Elapsed} ms", typeof(TRequest).Name, actor.Actor.UserName,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex)
        {
            log.LogInformation("{Request} by {User} failed ({Error}) in {Elapsed} ms", typeof(TRequest).Name, actor.Actor.UserName,
                ex.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
