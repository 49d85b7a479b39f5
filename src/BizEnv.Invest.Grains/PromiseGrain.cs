using BizEnv.Invest.Application.Calendar;
using BizEnv.Invest.Application.Commitments;
using BizEnv.Invest.Application.Commitments.AmendCommitment;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.Promises;
using BizEnv.Invest.Application.Commitments.Remediation;
using BizEnv.Invest.Application.Commitments.Remediation.Grain;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Application.Zones.Grain;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace BizEnv.Invest.Grains;

/// <summary>
/// A promise's single writer. Each command: the aggregate decides (<see cref="Promise"/>), a hold is
/// taken at the zone first when the change binds capacity, then one transaction writes the row, the
/// ledger entry, any remediation-list join (queued for the list's grain), the audit row and the Idempotency-Key
/// (<see cref="CommandJournal"/>); afterwards the hold is confirmed (or released if nothing
/// committed), capacity handed back, joins handed to the list, and the reminder set for the next deadline.
/// Whatever did not commit is forgotten: the grain reloads its promise as stored.
/// </summary>
public sealed class PromiseGrain(
    CommandJournal journal, LapseJournal lapses, PromiseLoads loads, NpgsqlDataSource dataSource, LedgerWriter ledger, WorkingCalendarSource calendar,
    GrainTimings timings, TimeProvider clock, ILogger<PromiseGrain> log) : Grain, IPromiseGrain, IRemindable
{
    private const string DeadlineReminder = "deadline";

    // A reminder whose first tick is already past when the runtime takes it up does not fire until its
    // next period: a deadline that has come (or comes within this) is set this far ahead instead, and a
    // tick that arrives this close before its deadline waits the rest of the way rather than re-arming.
    private static readonly TimeSpan Soonest = TimeSpan.FromSeconds(1);

    private PromiseRecord? _record;

    // The instant the reminder is set for, as far as this activation knows (null: unknown or none).
    private DateTimeOffset? _armedFor;

    private Guid Id => this.GetPrimaryKey();

    // The promise is read on first need, not on activation: a new promise's Record needs no read (a taken id is refused by
    // the insert), every other call reads it first. False again after the database could not be reached: the next call tries again.
    private bool _loaded;

    public Task<GrainReply> Record(RecordPromise c, CommandContext context) => Guarded(load: false, command: async () =>
    {
        // A promise of capacity reads first: its hold at the zone is taken (and released on failure) by promise id, so an id
        // already taken must be refused before the zone is asked, not after.
        if (!_loaded && c.Terms.ZoneId is not null)
            await ReloadAsync();
        if (_record is not null)
            // The id is taken: a repeat of the very request replays its answer (by its key); anything else is refused.
            return (await journal.RunAsync<CommitmentState>(context, (_, _) => throw new DomainException("commitment.already_recorded"))).Reply;
        var (promise, change) = Promise.Record(Id, c.Terms, Limit.ToDomain(c.PromiserLimits), Describe, FairRule.ToDomain(c.FairRules), c.AgreementId,
            c.ConditionObligationIds);
        // A flagged promise: the review it waits for is a step of its own in the ledger, with the rules it matched.
        return await CommitAsync(promise, c.Parties, null, change, context, after: promise.FairReview is null ? null : (cn, tx, now, state) =>
            ledger.AppendAsync(cn, tx, Id, Promise.FairReviewRequested, context.UserName, now, string.Join("、", promise.FairRules.Select(r => r.Name)),
                new { Commitment = state, Rules = promise.FairRules }, CancellationToken.None));
    });

    public Task<GrainReply> Review(ReviewPromise c, CommandContext context) => Guarded(async () =>
    {
        var (record, before) = Current();
        record.Promise.EnsureVersion(c.Version);
        var change = c.Approve
            ? record.Promise.Approve(Limit.ToDomain(c.ApproverLimits), Describe, c.Opinion)
            : record.Promise.Reject(c.Opinion ?? "");
        return await CommitAsync(record.Promise, record.Parties, before, change, context);
    });

    public Task<GrainReply> ChangeStatus(ChangePromiseStatus c, CommandContext context) => Guarded(async () =>
    {
        var (record, before) = Current();
        var p = record.Promise;
        p.EnsureVersion(c.Version);
        var change = c.To switch
        {
            CommitmentStatus.InProgress => p.Start(c.Note),
            CommitmentStatus.Fulfilled => p.Fulfil(c.Evidence ?? "", c.Note),
            CommitmentStatus.PartlyFulfilled => p.FulfilPartly(c.FulfilledShare ?? 0, c.Note),
            CommitmentStatus.Extended => p.Extend(c.NewDueDate ?? p.Terms.DueDate, c.ConsentDocument ?? "", c.Note),
            CommitmentStatus.Cancelled => p.Cancel(c.AgreementDocument ?? "", c.Note),
            _ => throw new DomainException("commitment.status_not_manual"),
        };
        return await CommitAsync(p, record.Parties, before, change, context);
    });

    public Task<GrainReply> Amend(AmendPromise c, CommandContext context) => Guarded(async () =>
    {
        var (record, before) = Current();
        var p = record.Promise;
        p.EnsureVersion(c.Version);
        var amendmentId = Guid.NewGuid();
        var terms = c.Terms;
        var widens = CommitmentAmendment.Widens(p.Terms.ValueCny, terms.ValueCny, p.Terms.HasPolicyBasis, terms.HasPolicyBasis);
        var change = p.Amend(amendmentId, terms, c.Reason.Trim(), Limit.ToDomain(c.PromiserLimits), Describe, out var pendingReason);
        var applied = pendingReason is null;
        return await CommitAsync(p, record.Parties, before, change, context,
            extra: (cn, tx, now) => PromiseRows.AddAmendmentAsync(cn, tx, Id, amendmentId, terms, c.Reason.Trim(), widens, pendingReason, applied, c.RequestedBy, now,
                CancellationToken.None),
            respond: state => new AmendmentResult(applied, pendingReason, state),
            ledgerState: applied ? null : state => new { Commitment = state, ProposedTerms = terms });
    });

    public Task<GrainReply> ReviewAmendment(ReviewPromiseAmendment c, CommandContext context) => Guarded(async () =>
    {
        var (record, before) = Current();
        var change = record.Promise.ReviewAmendment(c.AmendmentId, c.Version, c.Approve, c.Opinion,
            Limit.ToDomain(c.ApproverLimits), Describe);
        return await CommitAsync(record.Promise, record.Parties, before, change, context,
            extra: (cn, tx, now) => PromiseRows.ReviewAmendmentAsync(cn, tx, c.AmendmentId, c.Approve, c.ReviewerId, c.Opinion, now, CancellationToken.None));
    });

    public Task<GrainReply> ReviewFairCompetition(FairReviewOpinion c, CommandContext context) => Guarded(async () =>
    {
        var (record, before) = Current();
        record.Promise.EnsureVersion(c.Version);
        var change = record.Promise.ReviewFairCompetition(c.Pass, c.Opinion);
        return await CommitAsync(record.Promise, record.Parties, before, change, context,
            after: (cn, tx, now, _) => PromiseRows.RecordFairOpinionAsync(cn, tx, Id, c.ReviewerId, c.ReviewerName, c.Opinion, now, CancellationToken.None));
    });

    public Task<GrainReply> HandOver(PromiseHandover c, CommandContext context) => Guarded(async () =>
    {
        var (record, _) = Current();
        var open = Application.Handover.Kinds.PromiseHandoverKind.OpenStatuses.Contains(record.Promise.Status.ToString());
        return (await journal.RunAsync(context, (cn, tx) =>
            PromiseRows.HandOverAsync(cn, tx, Id, c.Order, open, ledger, context.UserName, clock.GetUtcNow(), CancellationToken.None))).Reply;
    });

    public async Task<bool> HoldsCapacityIn(Guid zoneId)
    {
        if (!_loaded)
            await ReloadAsync();
        return _record?.Promise is { HoldsCapacity: true } p && p.Terms.ZoneId == zoneId;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeadlineReminder)
            return Task.CompletedTask;
        _reminderKnown = true;
        return CheckDeadlines();
    }

    public Task CheckDeadlines() => GrainFaults.Portable(CheckDeadlinesAsync, log, Id);

    // A deadline check reads the promise and its conditions afresh: a condition-unmet promise whose conditions are all met runs again.
    public Task ConditionsChanged() => CheckDeadlines();

    private async Task CheckDeadlinesAsync()
    {
        // Read afresh: a calendar edit or another node may have moved what is due.
        await ReloadAsync();
        if (_record is { } waiting && PromiseDeadlines.Next(waiting.Promise, await calendar.GetAsync(), waiting.WarningsDone) is { } next
            && next - clock.GetUtcNow() is { } early && early > TimeSpan.Zero && early <= Soonest)
            await Task.Delay(early);
        if (_record is { } record)
        {
            var now = clock.GetUtcNow();
            var p = record.Promise;
            if (p.IsRunning && now >= p.LapseAt)
                await LapseAsync(record);
            else if (p.Status == CommitmentStatus.ConditionUnmet)
                await ResumeAsync(record);
            else
                await WarnAsync(record, now);
            await SettleCapacityAsync();
        }
        await ArmAsync(_record, dropUnknown: false);
    }

    /// <summary>
    /// Runs one user command: a hold first if the change binds capacity, then the journal transaction, then
    /// the steps that follow a commit (lapses go through <see cref="LapseAsync"/>). Nothing committed: the hold is released and the promise reloaded.
    /// </summary>
    private async Task<GrainReply> CommitAsync(Promise promise, PromiseParties parties, int? loadedVersion, PromiseChange change, CommandContext context,
        Func<NpgsqlConnection, NpgsqlTransaction, DateTimeOffset, Task>? extra = null, Func<CommitmentState, object>? respond = null,
        Func<CommitmentState, object>? ledgerState = null, Func<NpgsqlConnection, NpgsqlTransaction, DateTimeOffset, CommitmentState, Task>? after = null)
    {
        var dueBefore = _record?.Promise.Terms.DueDate;
        var held = false;
        if (change.Capacity == CapacityStep.Hold)
        {
            var t = promise.Terms;
            var hold = await Zone(t.ZoneId!.Value).Hold(new CapacityHold(Id, parties.ProjectId, t.Resource!.Value, t.Amount!.Value, t.DueDate, context.UserId ?? Guid.Empty));
            if (hold.Refusal is not null)
            {
                await ReloadAsync();
                return hold;
            }
            held = true;
        }
        var armedNew = _record is null && promise.IsRunning;
        try
        {
            if (change.Capacity == CapacityStep.Release)
                await ArmSoonAsync(); // should this process die right after the commit, the tick gives the capacity back
            // A new promise's first deadline is armed before the commit: should this process die right after it, the reminder
            // is there already; should the promise not commit, its reminder is dropped below (or ticks, finds nothing and goes).
            if (armedNew)
                await ArmAsync(new PromiseRecord(promise, parties, new HashSet<int>()));
        }
        catch (Exception ex)
        {
            // Nothing is committed yet: the hold goes back and the promise is as stored. The reminder service keeping this
            // promise's slice of the ring was on a silo that just died: answered as not done (the same command again meets the
            // slice's new keeper); anything else (the calendar unreadable) is the fault it is.
            if (held)
                await Try(() => Zone(promise.Terms.ZoneId!.Value).Release(Id, "not recorded"), "release the hold of");
            await Try(ReloadAsync, "read again");
            if (GrainFaults.IsClusterFault(ex))
                return GrainFaults.ClusterUnavailable(ex);
            throw;
        }

        var now = clock.GetUtcNow();
        CommandJournal.Outcome outcome;
        try
        {
            outcome = await journal.RunAsync(context, async (cn, tx) =>
            {
                if (extra is not null)
                    await extra(cn, tx, now);
                var state = change.ChangesRow
                    ? await PromiseRows.SaveAsync(cn, tx, promise, parties, loadedVersion, now, CancellationToken.None)
                    : await CommitmentLoad.Read(cn, tx, Id, CancellationToken.None);
                await ledger.AppendAsync(cn, tx, Id, change.Event, context.UserName, now, change.Reason, ledgerState?.Invoke(state) ?? state, CancellationToken.None);
                if (after is not null)
                    await after(cn, tx, now, state);
                // The list's grain is the one writer of its items: the join is queued with the change and handed over after it.
                if (change.JoinsRemediation)
                    await RemediationJoins.QueueAsync(cn, tx, [Id], RemediationSource.Recorded, context.UserName, now, CancellationToken.None);
                // New deadlines of a promise already armed for others (approved, cleared by the fair-competition review, extended,
                // running again): queued with the change, so that if this silo dies before its reminder moves, another node's
                // re-arming reader moves it.
                if (!armedNew && promise.IsRunning && change.Event is "Approved" or Promise.FairReviewOpinion or nameof(CommitmentStatus.Extended) or ConditionsMet)
                    await DeadlineRearm.QueueAsync(cn, tx, [Id], now, CancellationToken.None);
                return respond?.Invoke(state) ?? state;
            });
        }
        catch
        {
            // A fault, not a refusal (the database broke off, a constraint we did not foresee): nothing
            // committed, so the hold goes back and the promise is as stored; the caller hears of the fault.
            if (held)
                await Try(() => Zone(promise.Terms.ZoneId!.Value).Release(Id, "not recorded"), "release the hold of");
            await ReloadAsync();
            if (armedNew)
                await Try(ArmAsync, "drop the reminder of");
            throw;
        }

        if (!outcome.Committed)
        {
            // The connection broke while committing: the promise may be stored. Its hold stays (unconfirmed, the zone asks
            // the promise after the hold timeout) and so does its reminder (it ticks, and drops itself if nothing is there).
            if (outcome.Reply.Refusal?.Kind == RefusalKind.OutcomeUnknown)
            {
                _loaded = false;
                return outcome.Reply;
            }
            if (held)
                await Try(() => Zone(promise.Terms.ZoneId!.Value).Release(Id, "not recorded"), "release the hold of");
            await ReloadAsync();
            if (armedNew)
                await Try(ArmAsync, "drop the reminder of");
            return outcome.Reply;
        }
        var warningsDone = dueBefore == promise.Terms.DueDate && _record is { } r ? r.WarningsDone : new HashSet<int>();
        _record = new PromiseRecord(promise, parties, warningsDone);
        // Committed: what follows may fail without making the command fail — each step has its net.
        if (held)
            await Try(() => Zone(promise.Terms.ZoneId!.Value).Confirm(Id), "confirm the hold of"); // the zone asks after the hold timeout
        if (change.Capacity == CapacityStep.Release)
            await Try(SettleCapacityAsync, "give back the capacity of"); // the reminder set before the commit retries it
        await Try(ArmAsync, "set the reminder of"); // the re-arming queue has the promise
        if (change.JoinsRemediation)
            await Try(HandOverJoinsAsync, "hand to the remediation list"); // every node's join reader hands it over later
        return outcome.Reply;
    }

    /// <summary>
    /// The lapse, written with the other lapses of this silo waiting at the same moment (<see cref="LapseJournal"/>):
    /// the row, the ledger entry, and the breach alert (made on or after 2018-01-01) or the list entry (before).
    /// A conditional promise with a condition unmet becomes condition unmet instead (no alert, no list): the journal
    /// reads its obligations again under a share lock and refuses the verdict if one was met meanwhile.
    /// If it is not written the promise is reloaded and the tick fails, so the reminder retries it.
    /// </summary>
    private async Task LapseAsync(PromiseRecord record)
    {
        var p = record.Promise;
        var loaded = p.Version;
        var conditional = p.Conditions.Count > 0;
        var conditions = conditional ? await ReadConditionsAsync() : [];
        var change = p.Lapse([.. conditions.Select(c => c.ToState())]);
        try
        {
            await lapses.WriteAsync(new Lapse(Id, loaded, p.Terms.DueDate, change.Reason!, change.RaisesBreach, change.JoinsRemediation, conditional,
                p.Status == CommitmentStatus.ConditionUnmet));
        }
        catch
        {
            await ReloadAsync();
            throw;
        }
        _record = record with { Promise = p };
        if (change.JoinsRemediation)
            await Try(HandOverJoinsAsync, "hand to the remediation list"); // every node's join reader hands it over later
    }

    private const string ConditionsMet = "ConditionsMet";

    /// <summary>
    /// A condition-unmet promise whose conditions are all met now runs again, due the agreement's working days after the
    /// last was reached (ledger entry with the evidence; deadlines re-armed). Asked by the agreement's grain when an
    /// obligation is met (<see cref="ConditionsChanged"/>) and, as the net, by the daily tick. A refusal fails the tick: it retries.
    /// </summary>
    private async Task ResumeAsync(PromiseRecord record)
    {
        var conditions = await ReadConditionsAsync();
        if (conditions.Count == 0)
            return;
        var p = record.Promise;
        var loaded = p.Version;
        if (p.ResumeOnConditions([.. conditions.Select(c => c.ToState())], await calendar.GetAsync(), conditions[0].PaymentDays) is not { } change)
            return;
        var reply = await CommitAsync(p, record.Parties, loaded, change, CommandContext.System(ConditionsMet, "commitment", Id),
            ledgerState: state => new { Commitment = state, Conditions = conditions.Select(LapseJournal.Evidence).ToArray() });
        if (reply.Refusal is { } refusal)
            throw refusal.ToException();
    }

    private Task<IReadOnlyList<ConditionEvidence>> ReadConditionsAsync() =>
        OnOwnConnectionAsync(cn => PromiseConditionRows.ReadAsync(cn, null, [Id], forShare: false, CancellationToken.None));

    // Deadline checks come hundreds at a time (the re-arming queue serves 256 per node): their reads and lapses are gathered,
    // but what a check does on a connection of its own (a warning, a condition's evidence) waits here, so that two nodes'
    // storms stay well inside PostgreSQL's connection limit.
    private static readonly SemaphoreSlim OwnConnections = new(32);

    private async Task<T> OnOwnConnectionAsync<T>(Func<NpgsqlConnection, Task<T>> work)
    {
        await OwnConnections.WaitAsync();
        try
        {
            await using var cn = await dataSource.OpenConnectionAsync();
            return await work(cn);
        }
        finally
        {
            OwnConnections.Release();
        }
    }

    /// <summary>The list's grain takes the joins queued in committed transactions (this one's among them): idempotent by promise id.</summary>
    private Task HandOverJoinsAsync() => GrainFactory.GetGrain<IRemediationListGrain>(RemediationListKeys.Only).TakeJoins();

    /// <summary>The 30/7/1-working-day warnings reached: each threshold recorded once (unique key), the nearest announced.</summary>
    private async Task WarnAsync(PromiseRecord record, DateTimeOffset now)
    {
        var (reached, announce) = PromiseDeadlines.WarningsDue(record.Promise, await calendar.GetAsync(), record.WarningsDone, now);
        if (reached.Count == 0)
            return;
        await OnOwnConnectionAsync(async cn =>
        {
            await using var tx = await cn.BeginTransactionAsync();
            var fresh = await PromiseRows.RecordWarningsAsync(cn, tx, Id, record.Promise.Terms.DueDate, reached, now, CancellationToken.None);
            if (announce is { } days && fresh.Contains(days))
                await PromiseRows.NotifyWarningAsync(cn, tx, Id, record.Parties, record.Promise, days, now, CancellationToken.None);
            await tx.CommitAsync();
            return fresh;
        });
        _record = record with { WarningsDone = record.WarningsDone.Union(reached).ToHashSet() };
    }

    /// <summary>A fulfilled or cancelled promise of capacity gives it back (idempotent; a failure is retried by the next tick).</summary>
    private async Task SettleCapacityAsync()
    {
        if (_record?.Promise is not { Terms.TakesCapacity: true, Status: CommitmentStatus.Fulfilled or CommitmentStatus.Cancelled } p)
            return;
        await Zone(p.Terms.ZoneId!.Value).Release(Id, p.Status.ToString());
        _settled = true;
    }

    private bool _settled;

    /// <summary>Sets the reminder for the next deadline (or drops it when nothing is left to watch).</summary>
    private Task ArmAsync() => ArmAsync(_record);

    // Whether this activation knows the reminder is there (it set it, or was woken by it) and must drop it when nothing is left.
    private bool _reminderKnown;

    /// <param name="dropUnknown">
    /// Look up (a read) and drop a reminder this activation does not know of, when nothing is left to watch. A deadline check
    /// does not: a reminder set by an earlier activation ticks at its time, finds nothing to watch and is dropped then —
    /// while the checks of a mass hand-over (the upgrade, a calendar edit) mostly find none and would read for nothing.
    /// </param>
    private async Task ArmAsync(PromiseRecord? promise, bool dropUnknown = true)
    {
        DateTimeOffset? next = null;
        if (promise is { } record)
        {
            next = PromiseDeadlines.Next(record.Promise, await calendar.GetAsync(), record.WarningsDone);
            // Condition unmet: the daily net looks at its conditions again (the agreement's grain also wakes it when one is met).
            if (record.Promise.Status == CommitmentStatus.ConditionUnmet)
                next = clock.GetUtcNow() + timings.LongestWait;
            var unsettled = record.Promise is { Terms.TakesCapacity: true, Status: CommitmentStatus.Fulfilled or CommitmentStatus.Cancelled } && !_settled;
            if (unsettled)
                next = clock.GetUtcNow() + timings.Retry;
        }
        if (next is null)
        {
            _armedFor = null;
            if ((_reminderKnown || dropUnknown) && await this.GetReminder(DeadlineReminder) is { } reminder)
                await this.UnregisterReminder(reminder);
            _reminderKnown = false;
            return;
        }
        if (_armedFor == next)
            return;
        var wait = next.Value - clock.GetUtcNow();
        wait = wait < Soonest ? Soonest : wait > timings.LongestWait ? timings.LongestWait : wait;
        (_armedFor, _reminderKnown) = (null, true); // unknown until the service answers (it may have acted and the answer been lost)
        await this.RegisterOrUpdateReminder(DeadlineReminder, wait, timings.Retry);
        _armedFor = next;
    }

    private async Task ArmSoonAsync()
    {
        (_armedFor, _reminderKnown) = (null, true);
        await this.RegisterOrUpdateReminder(DeadlineReminder, timings.Retry, timings.Retry);
    }

    /// <summary>A step after the commit (or after a refusal): a failure is logged, and the step's own net catches up with it.</summary>
    private async Task Try(Func<Task> step, string what)
    {
        try
        {
            await step();
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Could not {What} promise {Promise} now; it is caught up with later", what, Id);
        }
    }

    private (PromiseRecord Record, int Version) Current() =>
        _record is { } r ? (r, r.Promise.Version) : throw new Application.Errors.NotFoundException("commitment", Id);

    private IZoneGrain Zone(Guid zoneId) => GrainFactory.GetGrain<IZoneGrain>(zoneId);

    private async Task ReloadAsync()
    {
        _loaded = false;
        _record = await loads.ReadAsync(Id);
        _settled = false;
        _loaded = true;
    }

    // A reason is stored as its code and arguments: the ledger hashes the code, each reader sees their own language.
    private static string Describe(AuthorityCheck.Verdict verdict) => Coded.Text(verdict.ReasonCode!, verdict.ReasonArgs);

    /// <summary>A rule that says no before the journal runs is a refusal like any other: the promise is reloaded as stored.</summary>
    private async Task<GrainReply> Guarded(Func<Task<GrainReply>> command, bool load = true)
    {
        try
        {
            if (load && !_loaded)
                await ReloadAsync();
            return await command();
        }
        catch (Exception ex) when (Refusal.From(ex) is { } refusal)
        {
            await ReloadAsync();
            return GrainReply.Refused(refusal);
        }
        catch (Exception ex) when (Application.Errors.DatabaseFault.IsUnreachable(ex))
        {
            // Before any commit (the journal answers for its own): nothing was saved; the next call reads the promise again.
            _loaded = false;
            return GrainFaults.Unavailable(ex);
        }
        catch (Exception ex)
        {
            throw GrainFaults.Portable(ex, log, Id);
        }
    }
}
