using BizEnv.Invest.Application;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Infrastructure;
using BizEnv.Invest.Infrastructure.Background;
using BizEnv.Invest.Infrastructure.Database;
using BizEnv.Invest.Infrastructure.Orleans;
using Orleans.Dashboard;
using BizEnv.Invest.Web.Auth;
using BizEnv.Invest.Web.Errors;
using BizEnv.Invest.Web.Localization;
using BizEnv.Invest.Web.Security;
using BizEnv.Invest.Infrastructure.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;

namespace BizEnv.Invest.Web.Hosting;

public static class WebServices
{
    public static WebApplicationBuilder AddInvestWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        builder.AddInvestLogging().AddInvestTelemetry();
        var app = config.GetConnectionString("Invest")
            ?? throw new InvalidOperationException("ConnectionStrings:Invest is not configured. Start with ./run.sh, or set ConnectionStrings__Invest (see README).");
        services.AddInfrastructure(new DatabaseOptions { AppConnectionString = app, OwnerConnectionString = config.GetConnectionString("InvestOwner") });
        services.AddApplication();
        if (config.GetValue("Ledger:Sequencer", true))
            services.AddHostedService<Infrastructure.Background.LedgerSequencerService>();
        services.AddHostedService<Infrastructure.Background.IdempotencyKeyPurge>();

        services.AddDataProtection().SetApplicationName("BizEnv.Invest").PersistKeysToPostgres();

        // Chinese goes out as UTF-8 text, not as one numeric character reference per character
        // (&#x62DB;…), which made pages several times larger; HTML-sensitive characters stay encoded.
        services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, CircuitRevalidation>();
        services.AddInvestCookieAuth();
        services.AddAuthorization();
        services.AddAntiforgery(o => o.HeaderName = ApiAntiforgery.HeaderName);
        services.AddSingleton<L>();
        services.AddSingleton<BizEnv.Invest.Web.Receipts.ReceiptPdf>();
        services.AddScoped<Components.Pages.Commitments.AlertQueueSignal>();

        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            // Chinese first whatever the browser says; the user's own choice (cookie) wins.
            o.SetDefaultCulture(Text.Chinese).AddSupportedCultures([.. Text.Cultures]).AddSupportedUICultures([.. Text.Cultures]);
            o.RequestCultureProviders = [new Microsoft.AspNetCore.Localization.CookieRequestCultureProvider()];
        });

        services.AddProblemDetails();
        services.AddExceptionHandler<ExceptionProblemHandler>();
        services.ConfigureHttpJsonOptions(o => Api.StrictJson.Apply(o.SerializerOptions));
        // Bad parameters and bodies throw, so they reach the problem handler and name the field,
        // instead of an empty 400 that the status-code pages would re-execute into a page.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(o => Api.OpenApiSchemas.AddSchemaNaming(o).AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "BizEnv.Invest API";
            doc.Info.Description = "招商引资与政府承诺台账 — investment-promotion CRM and commitment ledger";
            return Task.CompletedTask;
        }).AddSchemaTransformer(Api.OpenApiSchemas.RequiredAsTheSerializerReads));
        // The silo of this process (Infrastructure/Orleans); the dashboard is served under /admin/orleans.
        builder.AddInvestSilo(silo => silo.AddDashboard(o => o.HideTrace = true));
        // Breach alerts reach the open pages of every silo through the alert hub grain (the outbox relay is
        // the safety net), the re-arming queue is read, and the demo's grain work is done. Registered after
        // the silo: started once it runs, stopped before it stops.
        services.AddClusterServices();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<SiloHealthCheck>("silo", tags: ["ready"]);
        return builder;
    }
}
