using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace BizEnv.Invest.Web.Tests;

/// <summary>The app as configured, at Information, with every log event it writes kept for the test.</summary>
public sealed class LoggedWebFactory : InvestWebFactory
{
    public ConcurrentQueue<LogEvent> Events { get; } = new();

    // Serilog takes sinks registered as services (ReadFrom.Services), so this is the app's own logger.
    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
        builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(new Keep(Events)));
    }

    private sealed class Keep(ConcurrentQueue<LogEvent> events) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);
    }
}

/// <summary>
/// One structured line per request with who asked, and the lines of one request share its trace id;
/// passwords, query strings and antiforgery tokens appear in no line.
/// </summary>
public sealed class LogTests(LoggedWebFactory web) : IClassFixture<LoggedWebFactory>
{
    [Fact]
    public async Task A_request_is_one_line_with_the_user_sharing_its_trace_id_with_the_MediatR_line_and_no_secret_is_logged()
    {
        const string password = "Invest@2026", query = "s3cr3t-in-the-query";
        var officer = await web.SignedInAs("officer", password);
        var token = officer.Http.DefaultRequestHeaders.GetValues("X-XSRF-TOKEN").Single();

        (await officer.Http.GetAsync($"/api/v1/projects?token={query}")).EnsureSuccessStatusCode();

        LogEvent? request = null;
        await BizEnv.Invest.Testing.Poll.Until(() =>
        {
            request = web.Events.FirstOrDefault(e => Scalar(e, "RequestPath") == "/api/v1/projects" && Scalar(e, "RequestMethod") == "GET");
            return Task.FromResult(request is not null);
        }, TimeSpan.FromSeconds(10));
        request!.Level.ShouldBe(LogEventLevel.Information);
        Scalar(request, "UserName").ShouldBe("officer");
        Scalar(request, "StatusCode").ShouldBe("200");
        request.MessageTemplate.Text.ShouldBe("HTTP {RequestMethod} {RequestPath} by {UserName} responded {StatusCode} in {Elapsed:0} ms");
        request.TraceId.ShouldNotBeNull();

        var mediatr = web.Events.Single(e => Scalar(e, "Request") == "ListProjects" && e.TraceId == request.TraceId);
        Scalar(mediatr, "User").ShouldBe("officer");
        mediatr.SpanId.ShouldNotBe(request.SpanId); // the MediatR request's own span, inside the HTTP request's

        var everything = string.Join('\n', web.Events.Select(e => e.RenderMessage() + " " + string.Join(' ', e.Properties.Select(p => $"{p.Key}={p.Value}"))));
        everything.ShouldContain("SignIn");
        everything.ShouldNotContain(password);
        everything.ShouldNotContain(query);
        everything.ShouldNotContain(token);
    }

    private static string? Scalar(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: var v } ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : null;
}
