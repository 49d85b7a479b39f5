using Npgsql;
using Orleans;

namespace BizEnv.Invest.Application.Commitments.Remediation.Grain;

/// <summary>
/// Every node's net under the hand-over of list joins: whoever queues a join hands it to the list's
/// grain right after its commit; a join whose writer died in between waits in remediation_joins, and
/// this reader wakes the grain for it. Its first pass wakes the grain regardless, so that after an
/// upgrade (or anything that left a deadline unwatched) the grain's activation sets every item's reminder.
/// </summary>
public sealed class RemediationJoinReader(NpgsqlDataSource dataSource, IGrainFactory? grains)
{
    private bool _woken;

    /// <summary>Has the list's grain take what is queued; returns how many rows it took (0 in a process without a silo).</summary>
    public async Task<int> DrainAsync(CancellationToken ct)
    {
        if (grains is null)
            return 0;
        if (_woken)
        {
            await using var cn = await dataSource.OpenConnectionAsync(ct);
            if (!await RemediationJoins.AnyAsync(cn, ct))
                return 0;
        }
        var taken = await grains.GetGrain<IRemediationListGrain>(RemediationListKeys.Only).TakeJoins();
        _woken = true;
        return taken;
    }
}
