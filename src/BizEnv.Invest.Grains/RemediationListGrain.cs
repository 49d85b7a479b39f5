using BizEnv.Invest.Application.Commitments.Alerts;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.Remediation;
using BizEnv.Invest.Application.Commitments.Remediation.GetRemediationSummary;
using BizEnv.Invest.Application.Commitments.Remediation.Grain;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace BizEnv.Invest.Grains;

/// <summary>
/// The remediation list's single writer (one grain for the list, see <see cref="IRemediationListGrain"/>).
/// Each command reads its item fresh in the command's transaction, lets the aggregate decide
/// (<see cref="RemediationItem"/>), and writes the row, the ledger entry, the audit row and the
/// Idempotency-Key together (<see cref="CommandJournal"/>). Each item's deadline has a reminder of its
/// own, named by the item; it is set before the change that moves the deadline commits (so a deadline
/// is never committed unwatched), set back from the row if the change does not commit, and dropped
/// once the deadline has escalated or the item is signed off.
/// </summary>
public sealed class RemediationListGrain(CommandJournal journal, NpgsqlDataSource dataSource, LedgerWriter ledger, AlertRelay relay, GrainTimings timings,
    TimeProvider clock, ILogger<RemediationListGrain> log) : Grain, IRemediationListGrain, IRemindable
{
    private const string ReminderPrefix = "remediation-deadline:";
    private const int JoinBatch = 1000;

    // A tick this close before its instant waits the rest of the way; a reminder is never set nearer than this
    // (one whose first tick is already past when the runtime takes it up would wait a whole period).
    private static readonly TimeSpan Soonest = TimeSpan.FromSeconds(1);

    // The instant each item's reminder is set for, as far as this activation knows.
    private readonly Dictionary<Guid, DateTimeOffset> _armed = [];

    /// <summary>
    /// Every open item's deadline gets its reminder: after an upgrade (deadlines the promises' grains
    /// used to watch) and after anything that left one unset. Reminders already there are kept.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        try
        {
            IReadOnlyList<(Guid CommitmentId, DateOnly Deadline)> watched;
            await using (var cn = await dataSource.OpenConnectionAsync(cancellationToken))
                watched = await RemediationBook.WatchedAsync(cn, cancellationToken);
            var set = (await this.GetReminders()).Select(r => r.ReminderName).ToHashSet();
            foreach (var (id, deadline) in watched.Where(w => !set.Contains(ReminderName(w.CommitmentId))))
                await ArmAsync(id, RemediationRules.EscalationInstant(deadline));
        }
        catch (Exception ex)
        {
            // The next activation tries again; the items' commands and the join reader's calls still work meanwhile.
            log.LogWarning(ex, "The remediation list could not set its deadline reminders on activation");
        }
    }

    public Task<int> TakeJoins() => Faults(async () =>
    {
        await using var cn = await dataSource.OpenConnectionAsync();
        await using var tx = await cn.BeginTransactionAsync();
        var joins = await RemediationJoins.LockAsync(cn, tx, JoinBatch, CancellationToken.None);
        if (joins.Count == 0)
            return 0;
        // An imported item may come with its deadline: watched before it is committed.
        foreach (var j in joins.Where(j => j.Deadline is not null))
            await ArmAsync(j.CommitmentId, RemediationRules.EscalationInstant(j.Deadline!.Value));
        await RemediationBook.JoinAsync(cn, tx, ledger, joins, clock.GetUtcNow(), CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
        return joins.Count;
    }, Guid.Empty);

    public Task<GrainReply> Plan(RemediationPlan c, CommandContext context) => Guarded(c.CommitmentId, async () =>
    {
        if (c.Deadline >= clock.Today())
            await ArmAsync(c.CommitmentId, RemediationRules.EscalationInstant(c.Deadline));
        return await RunAsync(c.CommitmentId, context, async (cn, tx, now) =>
        {
            var item = await RemediationBook.LoadAsync(cn, tx, c.CommitmentId, CancellationToken.None);
            item.PlanWith(c.StudyNotes, c.Plan, c.ResponsibleUnitId, c.Deadline, clock.Today(), c.Version);
            await RemediationBook.SavePlanAsync(cn, tx, item, CancellationToken.None);
            return await RemediationList.AppendAsync(cn, tx, ledger, c.CommitmentId, "RemediationPlanned", context.UserName, now, item.Plan, CancellationToken.None);
        });
    });

    public Task<GrainReply> ReportProgress(RemediationReport c, CommandContext context) => Guarded(c.CommitmentId, () =>
        RunAsync(c.CommitmentId, context, async (cn, tx, now) =>
        {
            var item = await RemediationBook.LoadAsync(cn, tx, c.CommitmentId, CancellationToken.None);
            item.Report(c.Note, c.ProgressPercent, c.Version);
            var note = c.Note.Trim();
            await RemediationBook.SaveProgressAsync(cn, tx, item, c.UserId, note, now, CancellationToken.None);
            return await RemediationList.AppendAsync(cn, tx, ledger, c.CommitmentId, "RemediationProgress", context.UserName, now,
                $"{c.ProgressPercent}% · {note}", CancellationToken.None);
        }));

    public Task<GrainReply> SignOff(RemediationSignOff c, CommandContext context) => Guarded(c.CommitmentId, () =>
        RunAsync(c.CommitmentId, context, async (cn, tx, now) =>
        {
            var item = await RemediationBook.LoadAsync(cn, tx, c.CommitmentId, CancellationToken.None);
            item.SignOff(c.Evidence, c.Version);
            await RemediationBook.SaveSignOffAsync(cn, tx, item, c.UserId, now, CancellationToken.None);
            return await RemediationList.AppendAsync(cn, tx, ledger, c.CommitmentId, "RemediationSignedOff", context.UserName, now, item.Evidence,
                CancellationToken.None);
        }));

    public Task<IReadOnlyList<RemediationUnitProgress>> UnitProgress(bool english) => Faults(async () =>
    {
        await using var cn = await dataSource.OpenConnectionAsync();
        return await RemediationBook.UnitProgressAsync(cn, english, clock.Today(), CancellationToken.None);
    }, Guid.Empty);

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName.StartsWith(ReminderPrefix, StringComparison.Ordinal) && Guid.TryParse(reminderName[ReminderPrefix.Length..], out var id)
            ? CheckDeadline(id)
            : Task.CompletedTask;

    public Task CheckDeadline(Guid commitmentId) => GrainFaults.Portable(() => CheckDeadlineAsync(commitmentId), log, commitmentId);

    private async Task CheckDeadlineAsync(Guid commitmentId)
    {
        RemediationItem? item;
        await using (var cn = await dataSource.OpenConnectionAsync())
            item = await RemediationBook.FindAsync(cn, null, commitmentId, CancellationToken.None);
        if (item?.EscalatesAt is not { } at)
        {
            await DisarmAsync(commitmentId); // signed off, no deadline, or not on the list: nothing to watch
            return;
        }
        var early = at - clock.GetUtcNow();
        if (early > Soonest)
        {
            await ArmAsync(commitmentId, at); // woken early (a long wait is capped): set again for the rest
            return;
        }
        if (early > TimeSpan.Zero)
            await Task.Delay(early);
        if (!item.EscalationDue(clock.GetUtcNow()))
        {
            await ArmAsync(commitmentId, at);
            return;
        }

        Guid? alertId;
        await using (var cn = await dataSource.OpenConnectionAsync())
        await using (var tx = await cn.BeginTransactionAsync())
        {
            alertId = await RemediationBook.EscalateAsync(cn, tx, ledger, commitmentId, item.Deadline!.Value, clock.GetUtcNow(), CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }
        // Escalated (now or before): nothing more for this deadline. A later plan with a new deadline sets the reminder again.
        await DisarmAsync(commitmentId);
        if (alertId is { } raised)
            await PushAsync(raised, commitmentId);
    }

    /// <summary>
    /// One user command in one transaction; afterwards the item's reminder follows the row as it now
    /// stands (committed or not): set for its deadline, or dropped when there is none left to watch.
    /// </summary>
    private async Task<GrainReply> RunAsync(Guid commitmentId, CommandContext context,
        Func<NpgsqlConnection, NpgsqlTransaction, DateTimeOffset, Task<RemediationState>> work)
    {
        var outcome = await journal.RunAsync(context, (cn, tx) => work(cn, tx, clock.GetUtcNow()));
        await Try(() => FollowRowAsync(commitmentId), commitmentId);
        return outcome.Reply;
    }

    private async Task FollowRowAsync(Guid commitmentId)
    {
        RemediationItem? item;
        var escalated = false;
        await using (var cn = await dataSource.OpenConnectionAsync())
        {
            item = await RemediationBook.FindAsync(cn, null, commitmentId, CancellationToken.None);
            if (item?.Deadline is { } deadline)
                escalated = await RemediationBook.EscalatedAsync(cn, commitmentId, deadline, CancellationToken.None);
        }
        if (item?.EscalatesAt is { } at && !escalated)
            await ArmAsync(commitmentId, at);
        else
            await DisarmAsync(commitmentId);
    }

    private static string ReminderName(Guid commitmentId) => ReminderPrefix + commitmentId.ToString("N");

    private async Task ArmAsync(Guid commitmentId, DateTimeOffset at)
    {
        if (_armed.TryGetValue(commitmentId, out var armedFor) && armedFor == at)
            return;
        var wait = at - clock.GetUtcNow();
        wait = wait < Soonest ? Soonest : wait > timings.LongestWait ? timings.LongestWait : wait;
        await this.RegisterOrUpdateReminder(ReminderName(commitmentId), wait, timings.Retry);
        _armed[commitmentId] = at;
    }

    private async Task DisarmAsync(Guid commitmentId)
    {
        _armed.Remove(commitmentId);
        if (await this.GetReminder(ReminderName(commitmentId)) is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    private async Task PushAsync(Guid alertId, Guid commitmentId)
    {
        // The alert and its outbox row are committed; the push only tells open pages to re-read, and the relay repeats a lost one.
        try
        {
            await relay.PushAsync([alertId], CancellationToken.None);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Pushing alert {Alert} of remediation item {Item} failed; the outbox relay will push it", alertId, commitmentId);
        }
    }

    private async Task Try(Func<Task> step, Guid commitmentId)
    {
        try
        {
            await step();
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Could not set the deadline reminder of remediation item {Item} now; the reminder's next tick or the next activation does", commitmentId);
        }
    }

    private async Task<T> Faults<T>(Func<Task<T>> work, Guid item)
    {
        try
        {
            return await work();
        }
        catch (Exception ex)
        {
            throw GrainFaults.Portable(ex, log, item);
        }
    }

    private Task<GrainReply> Guarded(Guid item, Func<Task<GrainReply>> command) => GrainFaults.Answer(command, log, item);
}
