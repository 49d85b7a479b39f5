using System.Net;
using BizEnv.Invest.Infrastructure.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BizEnv.Invest.Web.Tests;

/// <summary>The silo co-hosted in the web app: readiness, the admin home's member list and the dashboard admins see.</summary>
public sealed class SiloHostingTests(InvestWebFactory web) : IClassFixture<InvestWebFactory>
{
    [Fact]
    public async Task Readiness_includes_the_silo_and_it_is_active()
    {
        var report = await web.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"));
        report.Entries.Keys.ShouldBe(["database", "silo"], ignoreOrder: true);
        report.Entries["silo"].Status.ShouldBe(HealthStatus.Healthy, report.Entries["silo"].Description);
        (await web.CreateClient().GetStringAsync("/health/ready")).ShouldBe("Healthy");
    }

    [Fact]
    public async Task The_admin_home_lists_this_process_silo_as_active()
    {
        var silo = web.Services.GetRequiredService<SiloSettings>();
        var admin = await web.SignedInAs("admin");
        var html = await admin.Http.GetStringAsync("/");
        html.ShouldContain("data-testid=\"cluster-members\"");
        var row = html[html.IndexOf($"<code>127.0.0.1:{silo.SiloPort}</code>", StringComparison.Ordinal)..];
        row[..row.IndexOf("</tr>", StringComparison.Ordinal)].ShouldContain("text-bg-success"); // the Active badge
    }

    [Fact]
    public async Task The_dashboard_answers_admins()
    {
        // Everyone else is refused: AdminOnlyPagesTests.
        var admin = await web.SignedInAs("admin");
        var page = await admin.Http.GetAsync("/admin/orleans/");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var stats = await admin.Http.GetAsync("/admin/orleans/ClusterStats");
        stats.StatusCode.ShouldBe(HttpStatusCode.OK, await stats.Content.ReadAsStringAsync());
        stats.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
    }
}
