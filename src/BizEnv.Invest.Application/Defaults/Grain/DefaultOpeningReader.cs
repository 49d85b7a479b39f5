using BizEnv.Invest.Application.Common.Grains;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;

namespace BizEnv.Invest.Application.Defaults.Grain;

/// <summary>
/// Every node's net under the opening of defaults: the agreement's grain opens the default right after an
/// obligation's Missed commits; an obligation whose opener died in between (or that went Missed some other way)
/// waits as "Missed without a default", and this reader has its default's grain open it. It also wakes a default
/// whose cure end passed undecided well beyond a reminder's retry (its reminder lost). It decides nothing: the
/// grains write, idempotently, so two nodes reading at once do no harm.
/// </summary>
public sealed class DefaultOpeningReader(NpgsqlDataSource dataSource, IGrainFactory? grains, GrainTimings timings, TimeProvider clock,
    ILogger<DefaultOpeningReader> log)
{
    /// <summary>Opens up to <paramref name="batchSize"/> missing defaults; returns how many opened (0 in a process without a silo).</summary>
    public async Task<int> DrainAsync(int batchSize, CancellationToken ct)
    {
        if (grains is null)
            return 0;
        IReadOnlyList<Guid> missed, undecided;
        await using (var cn = await dataSource.OpenConnectionAsync(ct))
        {
            missed = (await cn.QueryAsync<Guid>(new CommandDefinition("""
                SELECT o.id FROM obligations o
                WHERE o.status = 'Missed' AND NOT EXISTS (SELECT 1 FROM obligation_defaults d WHERE d.obligation_id = o.id)
                ORDER BY o.due_date LIMIT @batchSize
                """, new { batchSize }, cancellationToken: ct))).ToList();
            undecided = (await cn.QueryAsync<Guid>(new CommandDefinition("""
                SELECT obligation_id FROM obligation_defaults WHERE status = 'Noticed' AND decides_at < @stale ORDER BY decides_at LIMIT @batchSize
                """, new { batchSize, stale = clock.GetUtcNow() - 2 * timings.Retry }, cancellationToken: ct))).ToList();
        }
        var opened = 0;
        foreach (var id in missed)
        {
            // One obligation that cannot open (its cure period runs into a calendar year not loaded yet) does not hold up the others.
            try
            {
                if (await grains.GetGrain<IObligationDefaultGrain>(id).Open() is not null)
                    opened++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "The default of missed obligation {Obligation} could not be opened; retrying next pass", id);
            }
        }
        foreach (var id in undecided)
        {
            try
            {
                await grains.GetGrain<IObligationDefaultGrain>(id).Check();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "The default of obligation {Obligation} could not be decided; retrying next pass", id);
            }
        }
        return opened;
    }
}
