using BizEnv.Invest.Application.Localization;
using Microsoft.AspNetCore.Mvc;

namespace BizEnv.Invest.Web.Errors;

public static class Problems
{
    /// <summary>Writes an RFC 9457 problem whose title is the translated <paramref name="code"/>; the code rides along for clients.</summary>
    public static Task Write(HttpContext context, int status, string code, params object[] args)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = Text.Get(code, args),
            Type = $"https://httpstatuses.io/{status}",
            Instance = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path,
        };
        problem.Extensions["code"] = code;
        problem.Extensions["traceId"] = context.TraceIdentifier;
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
    }
}
