using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Web.Auth;
using MediatR;

namespace BizEnv.Invest.Web.Api;

public static class ApiSend
{
    /// <summary>Sends a request as the caller: the same pipeline, checks and audit as the pages.</summary>
    public static Task<T> Send<T>(this HttpContext context, IRequest<T> request) =>
        context.RequestServices.GetRequiredService<RequestDispatcher>()
            .Send(request, context.User.ToActor(context.ClientIp()), context.RequestAborted);
}
