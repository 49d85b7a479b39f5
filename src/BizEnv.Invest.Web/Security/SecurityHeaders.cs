namespace BizEnv.Invest.Web.Security;

/// <summary>
/// Conservative headers on every response. Scripts: this site's files, plus inline scripts only with the
/// request's nonce (Blazor's import map) — no 'unsafe-inline', so markup injected into a page cannot run script.
/// Styles still allow inline: Blazor's reconnect dialog and the charts set style attributes.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private static string PolicyWith(string nonce) =>
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "font-src 'self'; connect-src 'self' ws: wss:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Content-Security-Policy"] = PolicyWith(CspNonce.For(context));
        return next(context);
    }
}
