using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BizEnv.Invest.Infrastructure.Background;

public static class ClusterServices
{
    /// <summary>
    /// What a process that hosts a silo runs beside it: its subscription to the alert hub (feeding its
    /// <c>LiveAlerts</c>), the outbox relay, the readers of the re-arming queue, of the remediation-list joins and of missed obligations without a default, and the demo's grain work
    /// (lapsing the demo's past-due promises, the integrity office's demo case) when demo data is loaded.
    /// </summary>
    public static IServiceCollection AddClusterServices(this IServiceCollection services)
    {
        services.AddSingleton<AlertHubSubscription>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertHubSubscription>());
        services.AddHostedService<AlertOutboxRelayService>();
        services.AddHostedService<DeadlineRearmService>();
        services.AddHostedService<RemediationJoinService>();
        services.AddHostedService<DefaultOpeningService>();
        services.AddHostedService<Seeding.DemoGrainWork>();
        return services;
    }
}
