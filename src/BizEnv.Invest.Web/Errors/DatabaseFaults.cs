using BizEnv.Invest.Application.Errors;

namespace BizEnv.Invest.Web.Errors;

/// <summary>
/// Faults of availability and of retries, told the same way to API callers (ProblemDetails) and to
/// pages (the alert at the top, or the error page): the database being unreachable (503, nothing
/// was saved), a commit whose reply was lost (503, the outcome is unknown — and how to find out),
/// and an Idempotency-Key reused for something else (422) or still in use (409).
/// </summary>
public static class DatabaseFaults
{
    /// <summary>Seconds a client should wait before trying again (<c>Retry-After</c>).</summary>
    public const int RetryAfterSeconds = 5;

    /// <param name="Code">The message key for API callers.</param>
    /// <param name="PageCode">The message key for pages, where the page itself keeps the key and a user never sees one.</param>
    public sealed record Fault(int Status, string Code, string PageCode, bool RetryLater);

    public static Fault? Classify(Exception exception) => exception switch
    {
        OutcomeUnknownException u => new(StatusCodes.Status503ServiceUnavailable,
            u.Keyed ? "fault.outcome_unknown" : "fault.outcome_unknown_no_key", "fault.outcome_unknown_page", true),
        DatabaseUnavailableException => Unavailable,
        ClusterUnavailableException => new(StatusCodes.Status503ServiceUnavailable, "fault.cluster_unavailable", "fault.cluster_unavailable", true),
        ServerBusyException => new(StatusCodes.Status503ServiceUnavailable, "fault.busy", "fault.busy", true),
        IdempotencyKeyReusedException => new(StatusCodes.Status422UnprocessableEntity, "idempotency.key_reused", "idempotency.key_reused_page", false),
        IdempotencyKeyInProgressException => new(StatusCodes.Status409Conflict, "idempotency.in_progress", "idempotency.in_progress", true),
        // Outside the command pipeline (the session check of the cookie, the key ring, health) nothing is ever written.
        _ when DatabaseFault.IsUnreachable(exception) => Unavailable,
        _ => null,
    };

    private static readonly Fault Unavailable =
        new(StatusCodes.Status503ServiceUnavailable, "fault.database_unavailable", "fault.database_unavailable", true);

    /// <summary>Answers an API request with the fault's problem (and <c>Retry-After</c>); false when the exception is no such fault.</summary>
    public static async ValueTask<bool> TryWriteAsync(HttpContext context, Exception exception)
    {
        if (Classify(exception) is not { } fault)
            return false;
        if (fault.RetryLater)
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Problems.Write(context, fault.Status, fault.Code);
        return true;
    }

    /// <summary>For the error page: the same status and <c>Retry-After</c> as the API, with the page's wording.</summary>
    public static string? PageMessageKey(HttpContext context, Exception? exception)
    {
        if (exception is null || Classify(exception) is not { } fault)
            return null;
        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = fault.Status;
            if (fault.RetryLater)
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return fault.PageCode;
    }
}
