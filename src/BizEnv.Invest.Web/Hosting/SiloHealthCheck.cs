using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace BizEnv.Invest.Web.Hosting;

/// <summary>Ready means this process's silo has joined the cluster and is Active (not joining, stopping or dead).</summary>
public sealed class SiloHealthCheck(ISiloStatusOracle oracle) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var status = oracle.CurrentStatus;
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {oracle.SiloAddress} active")
            : HealthCheckResult.Unhealthy($"silo {oracle.SiloAddress} is {status}"));
    }
}
