using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BizEnv.Invest.Infrastructure.Background;

public static class ClusterAlerts
{
    /// <summary>
    /// Breach alerts through the cluster, for a process that hosts a silo and serves pages: its
    /// subscription to the alert hub (feeding its <c>LiveAlerts</c>) and its outbox relay.
    /// </summary>
    public static IServiceCollection AddClusterAlerts(this IServiceCollection services)
    {
        services.AddSingleton<AlertHubSubscription>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertHubSubscription>());
        services.AddHostedService<AlertOutboxRelayService>();
        return services;
    }
}
