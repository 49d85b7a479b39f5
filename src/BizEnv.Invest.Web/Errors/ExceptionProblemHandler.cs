using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Common;
using FluentValidation;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace BizEnv.Invest.Web.Errors;

/// <summary>
/// Every failure becomes a ProblemDetails: 400 with field errors for validation, 401/403/404/409
/// for access, absence and conflicts. Never a stack trace: unexpected errors are logged with the
/// trace id, and the user gets that id to quote.
/// </summary>
public sealed class ExceptionProblemHandler(ILogger<ExceptionProblemHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        // Pages get the friendly error page instead (UseExceptionHandler re-executes /Error).
        // By now the request path may already point at /Error: ask for the original one.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value ?? "";
        if (!path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            log.LogError(exception, "Unhandled error on a page, trace {TraceId}", context.TraceIdentifier);
            return false;
        }
        if (await DatabaseFaults.TryWriteAsync(context, exception))
            return true;
        if (exception is ValidationException validation)
        {
            var errors = validation.Errors
                .GroupBy(e => CamelCase(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
            var problem = new ValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = Text.Get("error.validation"),
                Instance = context.Request.Path,
            };
            problem.Extensions["code"] = "error.validation";
            problem.Extensions["traceId"] = context.TraceIdentifier;
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json", ct);
            return true;
        }
        var (status, code, args) = exception switch
        {
            DomainException d => (400, d.Code, d.Args.ToArray()),
            UnauthenticatedException => (401, "auth.required", []),
            ForbiddenException f => (403, f.Code, []),
            NotFoundException => (404, "error.not_found", []),
            ConcurrencyConflictException => (409, "error.conflict", []),
            AntiforgeryValidationException => (400, "error.antiforgery", []),
            BadHttpRequestException => (400, "error.bad_request", []),
            _ => (500, "error.unexpected", Array.Empty<object>()),
        };
        if (status == 500)
            log.LogError(exception, "Unhandled error, trace {TraceId}", context.TraceIdentifier);
        await Problems.Write(context, status, code, args);
        return true;
    }

    private static string CamelCase(string name) =>
        string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
