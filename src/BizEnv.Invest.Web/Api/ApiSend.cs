using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Idempotency;
using BizEnv.Invest.Web.Auth;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BizEnv.Invest.Web.Api;

public static class ApiSend
{
    /// <summary>
    /// Sends a request as the caller: the same pipeline, checks and audit as the pages. A command
    /// sent with an <c>Idempotency-Key</c> header runs once per key; repeating it answers with the
    /// first outcome, so the endpoint builds the same status and body (201 with the same id and Location).
    /// </summary>
    public static Task<T> Send<T>(this HttpContext context, IRequest<T> request) =>
        context.RequestServices.GetRequiredService<RequestDispatcher>()
            .Send(request, context.User.ToActor(context.ClientIp()), IdempotencyKeyOf(context.Request), context.RequestAborted);

    /// <summary>
    /// Sends a request that answers with a file and streams the file to the response in chunks (an
    /// export is never held in memory whole). Content-Disposition carries the name twice, plain and as
    /// UTF-8 <c>filename*</c>, so Chinese names survive. The file (an export's temporary file) is
    /// disposed when the response ends, sent or not.
    /// </summary>
    public static async Task<FileStreamHttpResult> SendFile(this HttpContext context, IRequest<FileDownload> request)
    {
        var file = await context.Send(request);
        context.Response.RegisterForDisposeAsync(file);
        return TypedResults.Stream(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>The header as sent (checked in the pipeline); two values are joined with a comma, which no key may contain, so they are refused.</summary>
    public static string? IdempotencyKeyOf(HttpRequest request) =>
        request.Headers.TryGetValue(IdempotencyKey.Header, out var values) && values.Count > 0 ? string.Join(",", values.ToArray()) : null;
}
