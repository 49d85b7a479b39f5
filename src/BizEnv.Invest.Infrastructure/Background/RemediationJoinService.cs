using BizEnv.Invest.Application.Commitments.Remediation.Grain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace BizEnv.Invest.Infrastructure.Background;

/// <summary>
/// The reader of the remediation-list join queue on every node with a silo: every
/// Grains:RemediationJoinIntervalSeconds (default 5) it wakes the list's grain if joins wait
/// (<see cref="RemediationJoinReader"/>). It decides nothing: the grain writes the items.
/// </summary>
public sealed class RemediationJoinService(RemediationJoinReader reader, IConfiguration configuration, ILogger<RemediationJoinService> log)
    : DrainLoop(configuration, log)
{
    protected override string IntervalKey => "Grains:RemediationJoinIntervalSeconds";
    protected override double DefaultIntervalSeconds => 5;
    protected override int BatchSize => 1000;

    protected override Task<int> DrainAsync(int batchSize, CancellationToken ct) => reader.DrainAsync(ct);
}
