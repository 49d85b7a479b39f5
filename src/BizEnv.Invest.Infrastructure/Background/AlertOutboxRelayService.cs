using BizEnv.Invest.Application.Commitments.Alerts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace BizEnv.Invest.Infrastructure.Background;

/// <summary>
/// The outbox's safety net on every node: every Alerts:RelayIntervalSeconds (default 2) push whatever
/// committed alert no one has pushed yet — the lapsing process died between its commit and its own
/// push, or its push failed. Relays on several nodes never push one row twice (see <see cref="AlertRelay"/>).
/// </summary>
public sealed class AlertOutboxRelayService(AlertRelay relay, IConfiguration configuration, ILogger<AlertOutboxRelayService> log) : DrainLoop(configuration, log)
{
    protected override string IntervalKey => "Alerts:RelayIntervalSeconds";
    protected override double DefaultIntervalSeconds => 2;
    protected override int BatchSize => 500;

    protected override Task<int> DrainAsync(int batchSize, CancellationToken ct) => relay.RelayPendingAsync(batchSize, ct);
}
