using BizEnv.Invest.Application.Behaviours;
using BizEnv.Invest.Infrastructure.Database;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace BizEnv.Invest.Web.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics. Traced: HTTP requests (API and pages), Blazor circuit events, MediatR
/// requests (Application's TracingBehaviour), application grain calls (Orleans carries the activity across
/// the call: SiloSetup) and SQL (Npgsql). Exported only where asked: OTLP when OTEL_EXPORTER_OTLP_ENDPOINT
/// is set (environment or configuration; the other standard OTEL_EXPORTER_OTLP_* keys apply too), the
/// console with Telemetry:Console=true — off by default, spans on the console would drown ./run.sh's log.
/// With no exporter the activities are still created, so log lines carry trace and span ids.
/// </summary>
public static class InvestTelemetry
{
    public const string ServiceName = "BizEnv.Invest";

    // The Orleans runtime's own sources (membership, reminders, directory) would start a trace every few
    // seconds with no request behind it: only grain calls made by application code are traced.
    private static readonly string[] Sources =
    [
        ApplicationTracing.SourceName, ActivitySources.ApplicationGrainActivitySourceName,
        "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits",
    ];

    public static WebApplicationBuilder AddInvestTelemetry(this WebApplicationBuilder builder)
    {
        var console = builder.Configuration.GetValue<bool>("Telemetry:Console");
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(t =>
            {
                // Health probes come every few seconds and prove nothing a trace would show.
                t.AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                    .AddSource(Sources)
                    .AddSqlTracing();
                if (console)
                    t.AddConsoleExporter();
            })
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation().AddMeter("Microsoft.Orleans").AddSqlMetrics();
                if (console)
                    m.AddConsoleExporter();
            });
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.UseOtlpExporter();
        return builder;
    }
}
