using BizEnv.Invest.Application.Defaults.Grain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace BizEnv.Invest.Infrastructure.Background;

/// <summary>
/// The reader of missed obligations without a default, on every node with a silo: every
/// Grains:DefaultOpeningIntervalSeconds (default 60) it has their defaults' grains open them (<see cref="DefaultOpeningReader"/>).
/// </summary>
public sealed class DefaultOpeningService(DefaultOpeningReader reader, IConfiguration configuration, ILogger<DefaultOpeningService> log)
    : DrainLoop(configuration, log)
{
    protected override string IntervalKey => "Grains:DefaultOpeningIntervalSeconds";
    protected override double DefaultIntervalSeconds => 60;
    protected override int BatchSize => 100;

    protected override Task<int> DrainAsync(int batchSize, CancellationToken ct) => reader.DrainAsync(batchSize, ct);
}
