using BizEnv.Invest.Web.Api;
using BizEnv.Invest.Web.Auth;
using BizEnv.Invest.Web.Components;
using BizEnv.Invest.Web.Errors;
using BizEnv.Invest.Web.Security;
using BizEnv.Invest.Domain.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Orleans.Dashboard;

namespace BizEnv.Invest.Web.Hosting;

public static class WebPipeline
{
    public const string DashboardPath = "/admin/orleans";

    public static WebApplication UseInvestPipeline(this WebApplication app)
    {
        // First, so that the line of a request sees its final status, whatever answered it.
        app.UseInvestRequestLogging();
        app.UseMiddleware<SecurityHeaders>();
        // Localization first, so error pages and problem details speak the user's language too.
        app.UseRequestLocalization();
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        // An API caller gets a ProblemDetails for a bare status (unknown route, wrong method, no body);
        // only pages are re-executed into the friendly not-found page.
        app.UseWhen(ctx => ApiStatusProblems.IsApi(ctx.Request.Path), api => api.UseStatusCodePages(ApiStatusProblems.WriteAsync));
        app.UseWhen(ctx => !ApiStatusProblems.IsApi(ctx.Request.Path),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseAuthentication();
        app.UseMiddleware<PasswordChangeGate>();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapApiV1();
        app.MapAccountEndpoints();
        // The Orleans Dashboard and the API reference, for admins only (anyone else: sign-in or the forbidden page).
        var adminsOnly = new AuthorizeAttribute { Roles = nameof(Role.Admin) };
        app.MapOrleansDashboard(DashboardPath).RequireAuthorization(adminsOnly).ExcludeFromDescription();
        app.MapApiReference().RequireAuthorization(adminsOnly).ExcludeFromDescription();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
