using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Audit;
using BizEnv.Invest.Application.Behaviours;
using BizEnv.Invest.Application.Calendar;
using BizEnv.Invest.Application.Identity;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BizEnv.Invest.Application;

public static class DependencyInjection
{
    /// <summary>
    /// MediatR 5 has no DI package here (PACKAGES.md), so handlers and validators are found by a
    /// small reflection scan, and behaviours are registered in pipeline order:
    /// trace → log → transaction + audit → authorize → validate → handler. The trace span is outermost so
    /// the request's log line carries its span id. Audit wraps the checks so that
    /// refused attempts (forbidden, invalid) are on record as well as successes.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddSingleton<RequestDispatcher>();
        services.AddScoped<ActorContext>();
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddSingleton<AuditWriter>();
        services.AddSingleton<Idempotency.IdempotencyStore>();
        services.AddSingleton<Passwords>();
        // Mapster's DI package is not served: the one config is compiled here, at start-up, so a bad map stops the app rather than a request.
        Common.Mapping.Maps.Config.Compile();
        services.AddSingleton(Common.Mapping.Maps.Config);
        services.AddSingleton<WorkingCalendarSource>();
        services.AddSingleton<Common.Grains.CommandJournal>();
        services.AddSingleton(sp => new Common.Grains.GrainCallGate(sp.GetRequiredService<Npgsql.NpgsqlDataSource>()));
        services.AddSingleton<Commitments.Ledger.LedgerWriter>();
        services.AddSingleton<Commitments.Ledger.LedgerVerifier>();
        services.AddSingleton<Commitments.Ledger.Tree.LedgerSequencer>();
        services.AddSingleton(sp => new Commitments.Promises.DeadlineRearm(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetService<Orleans.IGrainFactory>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Commitments.Promises.DeadlineRearm>>()));
        services.AddSingleton<Commitments.Promises.LapseJournal>();
        services.AddSingleton<Commitments.Promises.PromiseLoads>();
        services.AddSingleton(sp => new Commitments.Remediation.Grain.RemediationJoinReader(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(),
            sp.GetService<Orleans.IGrainFactory>()));
        services.AddSingleton(sp => new Defaults.Grain.DefaultOpeningReader(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetService<Orleans.IGrainFactory>(),
            sp.GetRequiredService<Common.Grains.GrainTimings>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Defaults.Grain.DefaultOpeningReader>>()));
        services.AddSingleton(sp => Common.Grains.GrainTimings.From(sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()));
        // The grain factory is there when the process hosts a silo; without one, alerts wait in the outbox.
        services.AddSingleton(sp => new Commitments.Alerts.AlertRelay(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetService<Orleans.IGrainFactory>(), sp.GetService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Commitments.Alerts.AlertRelay>>()));
        services.AddSingleton<Commitments.Ledger.Signing.ICheckpointSigner>(sp => Commitments.Ledger.Signing.CheckpointSigner.FromConfiguration(
            sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(),
            warning => sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Commitments.Ledger.Signing.CheckpointSigner>>().LogWarning("{Warning}", warning)));
        services.AddSingleton<Commitments.LiveAlerts>();
        // The kinds of item a handover moves (新官理旧账); one line per kind.
        services.AddSingleton<Handover.IHandoverKind, Handover.Kinds.PromiseHandoverKind>();
        services.AddSingleton<Handover.IHandoverKind, Handover.Kinds.ConciergeHandoverKind>();
        services.AddSingleton<Handover.IHandoverKind, Handover.Kinds.DemandHandoverKind>();
        services.AddSingleton<Handover.IHandoverKind, Handover.Kinds.AgreementHandoverKind>();
        services.AddSingleton<Handover.IHandoverKind, Handover.Kinds.ObligationHandoverKind>();

        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TracingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TransactionAuditBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));

        foreach (var type in typeof(DependencyInjection).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = contract.GetGenericTypeDefinition();
                if (definition == typeof(IRequestHandler<,>) || definition == typeof(IValidator<>))
                    services.AddScoped(contract, type);
            }
        }
        return services;
    }
}
