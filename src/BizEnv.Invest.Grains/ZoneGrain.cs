using BizEnv.Invest.Application.Commitments.Promises;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Zones;
using BizEnv.Invest.Application.Zones.Grain;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace BizEnv.Invest.Grains;

/// <summary>
/// A zone's single writer of capacity: holds, reservations, totals and readiness, one call at a
/// time. A reminder settles holds no promise came back for (its process died between hold and
/// commit, or between commit and confirm); it is set with the first hold and dropped when none is left.
/// </summary>
public sealed class ZoneGrain(CommandJournal journal, NpgsqlDataSource dataSource, GrainTimings timings, TimeProvider clock, ILogger<ZoneGrain> log)
    : Grain, IZoneGrain, IRemindable
{
    private const string HoldsReminder = "holds";
    private bool _watchingHolds;

    private Guid Id => this.GetPrimaryKey();

    public Task<GrainReply> Hold(CapacityHold hold) => Guarded(async () =>
    {
        await using (var cn = await dataSource.OpenConnectionAsync())
            await ZoneBook.HoldAsync(cn, Id, hold, clock.GetUtcNow(), timings.HoldTimeout, CancellationToken.None);
        await WatchHoldsAsync();
        return new GrainReply(null, null);
    });

    public Task Confirm(Guid promiseId) => GrainFaults.Portable(async () =>
    {
        await using var cn = await dataSource.OpenConnectionAsync();
        await ZoneBook.ConfirmAsync(cn, promiseId, CancellationToken.None);
    }, log, Id);

    public Task Release(Guid promiseId, string reason) => GrainFaults.Portable(async () =>
    {
        await using var cn = await dataSource.OpenConnectionAsync();
        await ZoneBook.ReleasePromiseAsync(cn, promiseId, reason, clock.GetUtcNow(), CancellationToken.None);
    }, log, Id);

    public Task<GrainReply> Reserve(ZoneReservation reservation, CommandContext context) => Guarded(async () =>
        (await journal.RunAsync(context, (cn, tx) => ZoneBook.ReserveAsync(cn, tx, Id, reservation, clock.GetUtcNow(), CancellationToken.None))).Reply);

    public Task<GrainReply> ReleaseReservation(Guid reservationId, string reason, CommandContext context) => Guarded(async () =>
        (await journal.RunAsync(context, async (cn, tx) =>
        {
            await ZoneBook.ReleaseReservationAsync(cn, tx, Id, reservationId, reason, clock.GetUtcNow(), CancellationToken.None);
            return Done.Value;
        })).Reply);

    public Task<GrainReply> SetTotal(ZoneTotal total, CommandContext context) => Guarded(async () =>
        (await journal.RunAsync(context, (cn, tx) => ZoneBook.SetTotalAsync(cn, tx, Id, total, clock.GetUtcNow(), CancellationToken.None))).Reply);

    public Task<GrainReply> SetReadiness(ZoneReadiness readiness, CommandContext context) => Guarded(async () =>
        (await journal.RunAsync(context, (cn, tx) => ZoneBook.SetReadinessAsync(cn, tx, Id, readiness, clock.GetUtcNow(), CancellationToken.None))).Reply);

    public Task SettleExpiredHolds() => GrainFaults.Portable(SettleExpiredHoldsAsync, log, Id);

    private Task<GrainReply> Guarded(Func<Task<GrainReply>> command) => GrainFaults.Answer(command, log, Id);

    private async Task SettleExpiredHoldsAsync()
    {
        IReadOnlyList<Guid> expired;
        await using (var cn = await dataSource.OpenConnectionAsync())
            expired = await ZoneBook.ExpiredHoldsAsync(cn, Id, clock.GetUtcNow(), CancellationToken.None);
        foreach (var promiseId in expired)
        {
            // The promise answers after any command it is still running, so "committed" here is final.
            if (await GrainFactory.GetGrain<IPromiseGrain>(promiseId).HoldsCapacityIn(Id))
                await Confirm(promiseId);
            else
            {
                log.LogWarning("Zone {Zone}: the hold for promise {Promise} was never confirmed and the promise holds nothing; released", Id, promiseId);
                await Release(promiseId, "hold expired: the promise was not recorded");
            }
        }
        bool any;
        await using (var cn = await dataSource.OpenConnectionAsync())
            any = await ZoneBook.AnyHoldsAsync(cn, Id, CancellationToken.None);
        if (!any && await this.GetReminder(HoldsReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
            _watchingHolds = false;
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName == HoldsReminder ? SettleExpiredHolds() : Task.CompletedTask;

    private async Task WatchHoldsAsync()
    {
        if (_watchingHolds)
            return;
        var every = timings.HoldTimeout > timings.Retry ? timings.HoldTimeout : timings.Retry;
        await this.RegisterOrUpdateReminder(HoldsReminder, every, every);
        _watchingHolds = true;
    }
}
