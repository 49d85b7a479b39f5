using System.Diagnostics;
using MediatR;

namespace BizEnv.Invest.Application.Behaviours;

/// <summary>
/// Outermost in the pipeline: one Activity per request, named after the request type, so a trace shows
/// the request between the page or API call that sent it and the grain calls and SQL it caused, and the
/// log lines written inside it carry its span id. Tagged with the request type and its outcome only,
/// never the request's fields: they hold investors' names, amounts and, for some requests, passwords.
/// </summary>
public sealed class TracingBehaviour<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        using var activity = ApplicationTracing.Source.StartActivity(typeof(TRequest).Name);
        if (activity is null)
            return await next();
        activity.SetTag("invest.request.type", typeof(TRequest).FullName);
        try
        {
            var response = await next();
            activity.SetTag("invest.request.outcome", "ok");
            return response;
        }
        catch (Exception ex)
        {
            // The exception's type says which refusal or fault it was (its message may quote user input).
            activity.SetTag("invest.request.outcome", ex.GetType().Name);
            activity.SetTag("error.type", ex.GetType().FullName);
            activity.SetStatus(ActivityStatusCode.Error);
            throw;
        }
    }
}

public static class ApplicationTracing
{
    /// <summary>The activity source of the request spans, for the host to listen to.</summary>
    public const string SourceName = "BizEnv.Invest.Application";

    // Without a listener StartActivity returns null: the behaviour costs a null check.
    internal static readonly ActivitySource Source = new(SourceName);
}
