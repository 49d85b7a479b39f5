using BizEnv.Invest.Application.Commitments.Promises;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace BizEnv.Invest.Infrastructure.Background;

/// <summary>
/// The reader of the re-arming queue on every node with a silo: every Grains:RearmIntervalSeconds
/// (default 2) it hands queued promises to their grains (<see cref="DeadlineRearm"/>). It decides
/// nothing about deadlines: the grains do, and their reminders wake them.
/// </summary>
public sealed class DeadlineRearmService(DeadlineRearm rearm, IConfiguration configuration, ILogger<DeadlineRearmService> log) : DrainLoop(configuration, log)
{
    protected override string IntervalKey => "Grains:RearmIntervalSeconds";
    protected override double DefaultIntervalSeconds => 2;
    protected override int BatchSize => 1000;

    protected override Task<int> DrainAsync(int batchSize, CancellationToken ct) => rearm.DrainAsync(batchSize, ct);
}
