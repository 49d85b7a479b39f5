using BizEnv.Invest.Application.Calendar;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Defaults;
using BizEnv.Invest.Application.Defaults.Grain;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Defaults;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace BizEnv.Invest.Grains;

/// <summary>
/// A default's single writer, keyed by its obligation's id (<see cref="IObligationDefaultGrain"/>). Every change reads
/// the default fresh and locked in its own transaction, lets the aggregate decide (<see cref="ObligationDefault"/>) and
/// writes the row over the version it read, the step, its ledger entry (and the audit row and Idempotency-Key for an
/// officer's command) together — so a second activation or a repeated tick can never write a step twice. The cure end
/// is a reminder, set before the default that needs it commits and dropped once the default is decided or closed.
/// </summary>
public sealed class ObligationDefaultGrain(CommandJournal journal, NpgsqlDataSource dataSource, LedgerWriter ledger, WorkingCalendarSource calendar,
    GrainTimings timings, TimeProvider clock, ILogger<ObligationDefaultGrain> log) : Grain, IObligationDefaultGrain, IRemindable
{
    private const string CureReminder = "cure-end";

    // A reminder is never set nearer than this (one whose first tick is already past when the runtime takes it up waits a
    // whole period); a tick this close before its instant waits the rest of the way.
    private static readonly TimeSpan Soonest = TimeSpan.FromSeconds(1);

    private DateTimeOffset? _armedFor;

    private Guid ObligationId => this.GetPrimaryKey();

    public Task<Guid?> Open() => Faults(async () =>
    {
        ObligationDefault? existing;
        DefaultBook.ObligationFacts? facts;
        await using (var cn = await dataSource.OpenConnectionAsync())
        {
            existing = await DefaultBook.FindAsync(cn, null, ObligationId, CancellationToken.None);
            facts = existing is null ? await DefaultBook.ObligationAsync(cn, null, ObligationId, CancellationToken.None) : null;
        }
        if (existing is not null)
        {
            await FollowAsync(existing);
            return existing.Id;
        }
        if (facts is not { Status: "Missed" })
            return null;

        var opened = ObligationDefault.Open(Guid.NewGuid(), ObligationId, clock.Today(), facts.Terms, await calendar.GetAsync());
        await ArmAsync(opened.DecidesAt); // watched before it is committed: a default never waits unwatched
        bool inserted;
        await using (var cn = await dataSource.OpenConnectionAsync())
        await using (var tx = await cn.BeginTransactionAsync())
        {
            inserted = await DefaultBook.InsertAsync(cn, tx, ledger, opened, facts, clock.GetUtcNow(), CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }
        if (inserted)
            return opened.Id;
        // Another writer was first (a second activation during a membership change): follow what it wrote.
        await using (var cn = await dataSource.OpenConnectionAsync())
            existing = await DefaultBook.FindAsync(cn, null, ObligationId, CancellationToken.None);
        await FollowAsync(existing);
        return existing?.Id;
    });

    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName == CureReminder ? Check() : Task.CompletedTask;

    public Task Check() => GrainFaults.Portable(CheckAsync, log, ObligationId);

    private async Task CheckAsync()
    {
        ObligationDefault? d;
        await using (var cn = await dataSource.OpenConnectionAsync())
            d = await DefaultBook.FindAsync(cn, null, ObligationId, CancellationToken.None);
        if (d is not { Status: DefaultStatus.Noticed })
        {
            await FollowAsync(d); // decided, closed, or none: nothing to watch
            return;
        }
        var early = d.DecidesAt - clock.GetUtcNow();
        if (early > Soonest)
        {
            await ArmAsync(d.DecidesAt); // woken early (a long wait is capped): set again for the rest
            return;
        }
        if (early > TimeSpan.Zero)
            await Task.Delay(early);

        await using (var cn = await dataSource.OpenConnectionAsync())
        await using (var tx = await cn.BeginTransactionAsync())
        {
            var now = clock.GetUtcNow();
            d = await DefaultBook.FindAsync(cn, tx, ObligationId, CancellationToken.None);
            var facts = await DefaultBook.ObligationAsync(cn, tx, ObligationId, CancellationToken.None);
            if (d is null || facts is null)
                return;
            var loaded = d.Version;
            if (d.Decide(now, facts.Satisfied, facts.RemedyAmount) is { } step)
            {
                await DefaultBook.SaveAsync(cn, tx, d, loaded, now, null, null, CancellationToken.None);
                await DefaultBook.StepAsync(cn, tx, ledger, d, step, "system", null, d.AmountDue, null, now, CancellationToken.None);
                await tx.CommitAsync(CancellationToken.None);
            }
        }
        await FollowAsync(d);
    }

    public Task<GrainReply> Recover(DefaultRecovery r, CommandContext context) => RunAsync(r.DefaultId, context, (cn, tx, d, now) =>
    {
        var steps = d.Recover(r.Amount, r.ReceivedOn, r.Evidence, clock.Today(), r.Version);
        return Write(cn, tx, d, r.Version, now, context, r.UserId, steps, r.Amount, r.Evidence.Trim(), null,
            () => DefaultBook.RecoveryAsync(cn, tx, d.Id, r, now, CancellationToken.None));
    });

    public Task<GrainReply> SetAmount(DefaultAmount a, CommandContext context) => RunAsync(a.DefaultId, context, (cn, tx, d, now) =>
        Write(cn, tx, d, a.Version, now, context, a.UserId, d.SetAmountDue(a.Amount, a.Version), a.Amount, a.Note?.Trim() is { Length: > 0 } n ? n : null, null));

    public Task<GrainReply> Close(DefaultClosure c, CommandContext context) => RunAsync(c.DefaultId, context, (cn, tx, d, now) =>
    {
        d.Close(c.Reason, c.Version);
        return Write(cn, tx, d, c.Version, now, context, c.UserId, [DefaultStep.Closed], null, c.Reason.Trim(), c.Reason.Trim());
    });

    /// <summary>An officer's command on this default in one transaction (<see cref="CommandJournal"/>); the reminder then follows the row.</summary>
    private Task<GrainReply> RunAsync(Guid defaultId, CommandContext context, Func<NpgsqlConnection, NpgsqlTransaction, ObligationDefault, DateTimeOffset, Task> work) =>
        GrainFaults.Answer(async () =>
        {
            var outcome = await journal.RunAsync(context, async (cn, tx) =>
            {
                var d = await DefaultBook.FindAsync(cn, tx, ObligationId, CancellationToken.None);
                if (d is null || d.Id != defaultId)
                    throw new Application.Errors.NotFoundException("default", defaultId);
                await work(cn, tx, d, clock.GetUtcNow());
                return await DefaultState.ReadAsync(cn, tx, d.Id, CancellationToken.None);
            });
            if (outcome.Committed)
                await Try(async () =>
                {
                    await using var cn = await dataSource.OpenConnectionAsync();
                    await FollowAsync(await DefaultBook.FindAsync(cn, null, ObligationId, CancellationToken.None));
                });
            return outcome.Reply;
        }, log, ObligationId);

    private async Task Write(NpgsqlConnection cn, NpgsqlTransaction tx, ObligationDefault d, int loaded, DateTimeOffset now, CommandContext context, Guid userId,
        IReadOnlyList<DefaultStep> steps, decimal? amount, string? note, string? closeReason, Func<Task>? extra = null)
    {
        var closing = steps.Contains(DefaultStep.Closed);
        await DefaultBook.SaveAsync(cn, tx, d, loaded, now, closing ? closeReason : null, closing ? userId : null, CancellationToken.None);
        if (extra is not null)
            await extra();
        foreach (var step in steps)
        {
            // Closed because the amount due was reached: the step records the total recovered; closed by an officer: the reason.
            var recovered = step == DefaultStep.Closed && closeReason is null;
            await DefaultBook.StepAsync(cn, tx, ledger, d, step, context.UserName, userId, recovered ? d.AmountRecovered : amount, recovered ? null : note, now,
                CancellationToken.None);
        }
    }

    /// <summary>The reminder follows the default as stored: set for its decision while it waits for one, dropped otherwise.</summary>
    private async Task FollowAsync(ObligationDefault? d)
    {
        if (d is { Status: DefaultStatus.Noticed })
            await ArmAsync(d.DecidesAt);
        else
            await DisarmAsync();
    }

    private async Task ArmAsync(DateTimeOffset at)
    {
        if (_armedFor == at)
            return;
        var wait = at - clock.GetUtcNow();
        wait = wait < Soonest ? Soonest : wait > timings.LongestWait ? timings.LongestWait : wait;
        await this.RegisterOrUpdateReminder(CureReminder, wait, timings.Retry);
        _armedFor = at;
    }

    private async Task DisarmAsync()
    {
        _armedFor = null;
        if (await this.GetReminder(CureReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    private async Task Try(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Could not set the cure-end reminder of obligation {Obligation}'s default now; its next tick or the opening reader does", ObligationId);
        }
    }

    private async Task<T> Faults<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception ex)
        {
            throw GrainFaults.Portable(ex, log, ObligationId);
        }
    }
}
