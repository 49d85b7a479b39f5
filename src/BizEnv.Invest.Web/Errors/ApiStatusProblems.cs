using Microsoft.AspNetCore.Diagnostics;

namespace BizEnv.Invest.Web.Errors;

/// <summary>The body for an API answer that has only a status: the same ProblemDetails shape as every other refusal.</summary>
public static class ApiStatusProblems
{
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var code = status switch
        {
            StatusCodes.Status401Unauthorized => "auth.required",
            StatusCodes.Status403Forbidden => "auth.forbidden",
            StatusCodes.Status404NotFound => "error.not_found",
            StatusCodes.Status405MethodNotAllowed => "error.method_not_allowed",
            StatusCodes.Status413PayloadTooLarge => "error.payload_too_large",
            StatusCodes.Status415UnsupportedMediaType => "error.unsupported_media_type",
            >= 500 => "error.unexpected",
            _ => "error.bad_request",
        };
        return Problems.Write(http, status, code);
    }
}
