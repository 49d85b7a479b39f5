using BizEnv.Invest.Web.Security;
using Scalar.AspNetCore;

namespace BizEnv.Invest.Web.Hosting;

/// <summary>
/// Scalar's interactive reference over our own OpenAPI document, for admins. It must live under the site's
/// Content-Security-Policy: its scripts come from this site (the package serves its bundle itself) and every script
/// tag carries the response's nonce; the bundle is told not to probe for eval (wwwroot/js/scalar-jitless.js); nothing
/// is fetched from Scalar's servers (fonts, telemetry, the AI agent), which the policy would refuse and an intranet
/// deployment could not reach anyway.
/// </summary>
public static class ApiReference
{
    public const string Path = "/admin/api-reference";

    /// <summary>
    /// The page (the caller limits who may open it). Scalar maps its script files on endpoints of its own, which
    /// the returned builder does not cover: they are the package's public library code, the same for everyone.
    /// </summary>
    public static IEndpointConventionBuilder MapApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(Path, (options, context) =>
        {
            var nonce = CspNonce.For(context);
            // Set, not AddHeadContent: that appends, and the options may outlive one request.
            options.HeadContent = $"""<script src="/js/scalar-jitless.js" nonce="{nonce}"></script>""";
            // Its developer toolbar offers Scalar's hosted services (deploy, SDK generation): not for a government intranet.
            options.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            options.WithTitle("BizEnv.Invest API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .WithNonce(nonce)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp();
        });
}
