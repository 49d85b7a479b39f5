using System.Globalization;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace BizEnv.Invest.Web.Hosting;

/// <summary>
/// Serilog in place of the default loggers. Levels (and any further sinks) come from the configuration's
/// Serilog section; the console sink is set here: a readable line by default, because ./run.sh's console
/// is read by people, or compact JSON, one event a line with every property kept, with
/// Telemetry:JsonLogs=true for a log collector. Each event carries the trace and span id of the Activity
/// it was written in (Serilog takes them from Activity.Current), so a line leads to its trace.
/// </summary>
public static class InvestLogging
{
    private const string Readable = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} <{SourceContext}> {TraceId}{NewLine}{Exception}";

    public static WebApplicationBuilder AddInvestLogging(this WebApplicationBuilder builder)
    {
        var json = builder.Configuration.GetValue<bool>("Telemetry:JsonLogs");
        // No process-wide Log.Logger: every host (several per test process) keeps its own logger.
        builder.Services.AddSerilog((services, log) =>
        {
            log.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext();
            if (json)
                log.WriteTo.Console(new RenderedCompactJsonFormatter());
            else
                log.WriteTo.Console(outputTemplate: Readable, formatProvider: CultureInfo.InvariantCulture);
        }, preserveStaticLogger: true);
        return builder;
    }

    /// <summary>
    /// One line per HTTP request: method, path (never the query string), status, time and the signed-in
    /// user's name. Headers, cookies, bodies and form fields are never logged, so neither are passwords,
    /// session cookies or antiforgery tokens. Health probes, the Blazor circuit and static files are Debug.
    /// </summary>
    public static IApplicationBuilder UseInvestRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(o =>
        {
            // This host's logger: without it the middleware writes to the static Log.Logger, which is silent here.
            o.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} by {UserName} responded {StatusCode} in {Elapsed:0} ms";
            // Read when the response is done, so after authentication has set the user.
            o.EnrichDiagnosticContext = (diagnostics, http) => diagnostics.Set("UserName", http.User.Identity?.Name ?? "(anonymous)");
            o.GetLevel = (http, _, error) =>
                error is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : IsPlumbing(http.Request.Path) ? LogEventLevel.Debug
                : LogEventLevel.Information;
        });

    private static bool IsPlumbing(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/_framework")
        || Path.HasExtension(path.Value);
}
