using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Web.Auth;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BizEnv.Invest.Web.Api;

public static class ApiSend
{
    /// <summary>Sends a request as the caller: the same pipeline, checks and audit as the pages.</summary>
    public static Task<T> Send<T>(this HttpContext context, IRequest<T> request) =>
        context.RequestServices.GetRequiredService<RequestDispatcher>()
            .Send(request, context.User.ToActor(context.ClientIp()), context.RequestAborted);

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
}
