using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Infrastructure.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;

namespace BizEnv.Invest.Infrastructure.Orleans;

/// <summary>
/// The silo inside every app process: clustering, reminders and grain state through the Orleans
/// ADO.NET providers on the app's PostgreSQL (schema: migration 0010_orleans.sql), endpoints and
/// membership timings from <see cref="SiloSettings"/>.
/// </summary>
public static class SiloSetup
{
    /// <summary>Invariant the ADO.NET providers know Npgsql by.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>DI key of the Orleans providers' own connection pool.</summary>
    public const string DataSourceKey = "orleans";

    /// <summary>
    /// Adds the silo (started and stopped with the host). <paramref name="configure"/> adds what the
    /// caller's layer owns (the web host adds the dashboard; tests add their grains).
    /// </summary>
    public static SiloSettings AddInvestSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        var settings = SiloSettings.From(builder.Configuration);
        // ConnectionStrings:InvestSilo, if set, keeps the runtime's tables apart from the application's connection (tests put a fault relay on the latter).
        var connectionString = builder.Configuration.GetConnectionString("InvestSilo") ?? builder.Configuration.GetConnectionString("Invest")
            ?? throw new InvalidOperationException("ConnectionStrings:Invest is not configured: the silo keeps its membership, reminders and grain state there.");
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(new ClusterIdentity(settings.ClusterId));
        // A pool of its own, as the app role: membership heartbeats never queue behind page requests,
        // and pg_stat_activity names the Orleans connections.
        services.AddKeyedSingleton(DataSourceKey, (_, _) =>
            new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "bizenv-invest-orleans" }.ConnectionString)
            { Name = "invest-orleans" }.TracedInsideTraces().Build());

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            silo.Configure<SiloOptions>(o => o.SiloName = $"{Environment.MachineName}:{settings.SiloPort}");
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = settings.Address;
                o.SiloPort = settings.SiloPort;
                o.GatewayPort = settings.GatewayPort;
                o.SiloListeningEndpoint = new System.Net.IPEndPoint(settings.Address, settings.SiloPort);
                o.GatewayListeningEndpoint = new System.Net.IPEndPoint(settings.Address, settings.GatewayPort);
            });
            // Grain calls start an Activity (when someone listens) as a child of the caller's, and carry it
            // to the grain: a trace goes on from the request into the grain and the SQL it runs.
            silo.AddActivityPropagation();
            var timings = settings.Membership;
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(timings.ProbeTimeout);
                o.NumMissedProbesLimit = timings.NumMissedProbesLimit;
                o.NumVotesForDeathDeclaration = timings.NumVotesForDeathDeclaration;
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(timings.IAmAliveTablePublishTimeout);
                o.TableRefreshTimeout = TimeSpan.FromSeconds(timings.TableRefreshTimeout);
                o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(timings.DeathVoteExpirationTimeout);
            });

            silo.UseAdoNetClustering(o => o.Configure<IServiceProvider>((options, sp) =>
            {
                options.Invariant = Invariant;
                options.DataSource = sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey);
            }));
            silo.UseAdoNetReminderService(o => o.Configure<IServiceProvider>((options, sp) =>
            {
                options.Invariant = Invariant;
                options.DataSource = sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey);
            }));
            // A reminder's period is its retry (Grains:RetrySeconds): the runtime's one-minute floor is lowered only when configured lower.
            var retry = Application.Common.Grains.GrainTimings.From(builder.Configuration).Retry;
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = retry < o.MinimumReminderPeriod ? retry : o.MinimumReminderPeriod);
            silo.AddAdoNetGrainStorageAsDefault(o => o.Configure<IServiceProvider>((options, sp) =>
            {
                options.Invariant = Invariant;
                options.DataSource = sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey);
                options.GrainStorageSerializer = new JsonGrainStateSerializer();
                // Cleared state leaves no row behind.
                options.DeleteStateOnClear = true;
            }));

            // The runtime keeps real time whatever the app's TimeProvider is: business deadlines follow
            // the injected clock (tests move it by hours), membership probes and reminder ticks must not.
            silo.Services.AddKeyedSingleton<TimeProvider>(KeyedService.AnyKey, TimeProvider.System);

            configure?.Invoke(silo);
        });
        return settings;
    }
}
