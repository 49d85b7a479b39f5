using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Common;
using FluentValidation;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace BizEnv.Invest.Web.Errors;

/// <summary>
/// Every failure becomes a ProblemDetails: 400 with field errors for validation and unreadable
/// input, 401/403/404/409 for access, absence and conflicts. Never a stack trace: unexpected errors
/// are logged with the trace id, and the user gets that id to quote.
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
        if (exception is not BadHttpRequestException && await DatabaseFaults.TryWriteAsync(context, exception))
            return true;
        switch (exception)
        {
            case ValidationException validation:
                await Problems.WriteFields(context, 400, validation.Errors
                    .GroupBy(e => CamelCase(e.PropertyName))
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));
                return true;
            case BadHttpRequestException bad:
                var (status, fields, code, args) = RequestReadProblems.Explain(bad);
                if (fields is not null)
                    await Problems.WriteFields(context, status, fields);
                else
                    await Problems.Write(context, status, code, args);
                return true;
            case not null when DataRefusal.Explain(exception) is { } data:
                log.LogInformation("Database refused a value ({Code}), trace {TraceId}", data.Code, context.TraceIdentifier);
                if (data.Field is { } field)
                    await Problems.WriteFields(context, data.Status, new Dictionary<string, string[]> { [field] = [Text.Get(data.Code)] });
                else
                    await Problems.Write(context, data.Status, data.Code);
                return true;
        }
        var (s, c, a) = exception switch
        {
            DomainException d => (400, d.Code, d.Args.ToArray()),
            UnauthenticatedException => (401, "auth.required", []),
            ForbiddenException f => (403, f.Code, []),
            NotFoundException => (404, "error.not_found", []),
            ConcurrencyConflictException => (409, "error.conflict", []),
            AntiforgeryValidationException => (400, "error.antiforgery", []),
            _ => (500, "error.unexpected", Array.Empty<object>()),
        };
        if (s == 500)
            log.LogError(exception, "Unhandled error, trace {TraceId}", context.TraceIdentifier);
        await Problems.Write(context, s, c, a);
        return true;
    }

    // "Demands[0].Description" → "demands[0].description": the names the JSON body uses.
    private static string CamelCase(string name) =>
        string.Join('.', name.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
