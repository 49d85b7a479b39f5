using BizEnv.Invest.Application.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace BizEnv.Invest.Web.Errors;

public static class Problems
{
    /// <summary>Writes an RFC 9457 problem whose title is the translated <paramref name="code"/>; the code rides along for clients.</summary>
    public static Task Write(HttpContext context, int status, string code, params object[] args) =>
        Send(context, new ProblemDetails { Status = status, Title = Text.Get(code, args) }, code);

    /// <summary>A 400-class problem with errors per field (camelCase names, as the JSON bodies spell them).</summary>
    public static Task WriteFields(HttpContext context, int status, IDictionary<string, string[]> fields) =>
        Send(context, new ValidationProblemDetails(fields) { Status = status, Title = Text.Get("error.validation") }, "error.validation");

    private static Task Send(HttpContext context, ProblemDetails problem, string code)
    {
        problem.Type = $"https://httpstatuses.io/{problem.Status}";
        // The path the caller asked for, even when an error handler has re-executed elsewhere.
        problem.Instance = context.Features.Get<IExceptionHandlerPathFeature>()?.Path
            ?? context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? context.Request.Path;
        problem.Extensions["code"] = code;
        problem.Extensions["traceId"] = context.TraceIdentifier;
        context.Response.StatusCode = problem.Status!.Value;
        return context.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json");
    }
}
