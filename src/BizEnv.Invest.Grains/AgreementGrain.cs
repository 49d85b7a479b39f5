using BizEnv.Invest.Application.Agreements;
using BizEnv.Invest.Application.Agreements.Grain;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.Promises;
using BizEnv.Invest.Application.Defaults.Grain;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Agreements;
using BizEnv.Invest.Domain.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace BizEnv.Invest.Grains;

/// <summary>
/// An agreement's single writer: its row, its obligations and their progress history. Each command reads
/// the agreement afresh in its own transaction (<see cref="CommandJournal"/>: rows, ledger entries, audit,
/// Idempotency-Key), the aggregate decides, every write is guarded by the version loaded. The reminder wakes
/// at the next due end (at least daily while any obligation is unsatisfied): misses are marked, the project's
/// stage dates and 到资 read again.
/// </summary>
public sealed class AgreementGrain(CommandJournal journal, NpgsqlDataSource dataSource, LedgerWriter ledger, GrainTimings timings, TimeProvider clock, ILogger<AgreementGrain> log)
    : Grain, IAgreementGrain, IRemindable
{
    private const string DueReminder = "due";

    // A reminder whose first tick is already past when the runtime takes it up waits a whole period: never set it closer than this.
    private static readonly TimeSpan Soonest = TimeSpan.FromSeconds(1);

    private DateTimeOffset? _armedFor;

    private Guid Id => this.GetPrimaryKey();

    private sealed record Settled(Obligation Obligation, ObligationChange Change);

    public Task<GrainReply> Record(NewAgreement a, CommandContext context) => Command(context, async (cn, tx, _, settled, now) =>
    {
        if (await AgreementBook.LoadAsync(cn, tx, Id, CancellationToken.None) is not null)
            throw new DomainException("agreement.already_recorded");
        var (investorId, _, _) = await AgreementBook.ProjectAsync(cn, tx, a.ProjectId, CancellationToken.None);
        var (agreement, obligations) = Agreement.Record(Id, a.ProjectId, a.Header, a.Obligations.Select(o => (o.ObligationId, o.Terms)).ToList(), clock.Today());
        await AgreementBook.EnsureUnitAsync(cn, tx, a.UnitId, CancellationToken.None);
        await AgreementBook.EnsureNumberFreeAsync(cn, tx, agreement.Header.Number, Id, CancellationToken.None);
        await AgreementBook.InsertAgreementAsync(cn, tx, agreement, investorId, a.UnitId, a.File, a.UserId, now, CancellationToken.None);
        await ledger.AppendAsync(cn, tx, Id, "Agreement.Recorded", context.UserName, now, null,
            AgreementBook.LedgerState(agreement, a.UnitId, obligations, a.File?.FileName), CancellationToken.None);
        foreach (var o in obligations)
        {
            await AgreementBook.InsertObligationAsync(cn, tx, o, a.UserId, now, CancellationToken.None);
            await ledger.AppendAsync(cn, tx, o.Id, "Obligation.Added", context.UserName, now, null, AgreementBook.LedgerState(o), CancellationToken.None);
        }
        // The project may be further along than the paper: a milestone already reached is met from the start.
        var changed = await ReadProjectAsync(cn, tx, agreement.ProjectId, obligations, context.UserName, now, settled);
        return new AgreementSaved(Id, agreement.Version, changed);
    });

    public Task<GrainReply> EditHeader(AgreementHeaderEdit e, CommandContext context) => Existing(context, async (cn, tx, record, _, now) =>
    {
        var edited = record.Agreement.EditHeader(e.Header, e.Version, clock.Today(), record.Obligations);
        await AgreementBook.EnsureUnitAsync(cn, tx, e.UnitId, CancellationToken.None);
        await AgreementBook.EnsureNumberFreeAsync(cn, tx, edited.Header.Number, Id, CancellationToken.None);
        await AgreementBook.UpdateHeaderAsync(cn, tx, edited, e.UnitId, record.Agreement.Version, now, CancellationToken.None);
        await ledger.AppendAsync(cn, tx, Id, "Agreement.Edited", context.UserName, now, null,
            AgreementBook.LedgerState(edited, e.UnitId, record.Obligations, null), CancellationToken.None);
        return new AgreementSaved(Id, edited.Version, 0);
    });

    public Task<GrainReply> AttachSignedFile(SignedFile file, CommandContext context) => Existing(context, async (cn, tx, record, _, now) =>
    {
        await AgreementBook.SetFileAsync(cn, tx, Id, file, record.Agreement.Version, now, CancellationToken.None);
        var after = record.Agreement with { Version = record.Agreement.Version + 1 };
        await ledger.AppendAsync(cn, tx, Id, "Agreement.FileAttached", context.UserName, now, null,
            AgreementBook.LedgerState(after, record.UnitId, record.Obligations, file.FileName), CancellationToken.None);
        return new AgreementSaved(Id, after.Version, 0);
    });

    public Task<GrainReply> AddObligation(NewObligation n, CommandContext context) => Existing(context, async (cn, tx, record, settled, now) =>
    {
        var o = record.Agreement.AddObligation(n.Draft.ObligationId, n.Draft.Terms, record.Obligations.Count);
        await AgreementBook.InsertObligationAsync(cn, tx, o, n.UserId, now, CancellationToken.None);
        await ledger.AppendAsync(cn, tx, o.Id, "Obligation.Added", context.UserName, now, null, AgreementBook.LedgerState(o), CancellationToken.None);
        var changed = await ReadProjectAsync(cn, tx, record.Agreement.ProjectId, [o], context.UserName, now, settled);
        return new AgreementSaved(Id, record.Agreement.Version, changed + 1);
    });

    public Task<GrainReply> RecordProgress(ProgressEntry p, CommandContext context) => Existing(context, async (cn, tx, record, settled, now) =>
    {
        var o = record.Obligations.FirstOrDefault(x => x.Id == p.ObligationId) ?? throw new NotFoundException("obligation", p.ObligationId);
        var reading = new ProgressReading(p.Value, null, p.AsOf, p.Evidence ?? "", ProgressSource.Entered);
        await ApplyAsync(cn, tx, o, reading, p.UserId, context.UserName, now, settled);
        return new AgreementSaved(Id, record.Agreement.Version, 1);
    });

    public Task<GrainReply> RefreshFromProject(CommandContext context) => Existing(context, async (cn, tx, record, settled, now) =>
        new AgreementSaved(Id, record.Agreement.Version, await CheckAllAsync(cn, tx, record, context.UserName, now, settled)));

    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName == DueReminder ? CheckDue() : Task.CompletedTask;

    public Task<GrainReply> HandOver(AgreementHandover c, CommandContext context) => GrainFaults.Answer(async () =>
        (await journal.RunAsync(context, (cn, tx) => AgreementHandovers.MoveAsync(cn, tx, Id, c, ledger, context.UserName, clock.GetUtcNow(), CancellationToken.None))).Reply,
        log, Id);

    public Task CheckDue() => GrainFaults.Portable(async () =>
    {
        // The grain's own work: no user, no key; every change is on the ledger, by "system".
        var context = CommandContext.System("CheckObligations", "agreement", Id);
        var settled = new List<Settled>();
        var outcome = await journal.RunAsync(context, async (cn, tx) =>
        {
            var record = await AgreementBook.LoadAsync(cn, tx, Id, CancellationToken.None);
            return record is null ? 0 : await CheckAllAsync(cn, tx, record, context.UserName, clock.GetUtcNow(), settled);
        });
        if (outcome.Reply.Refusal is { } refusal)
        {
            // Left as armed: the reminder's period is the retry.
            log.LogWarning("Agreement {Agreement}: the check was refused ({Kind} {Code}); the reminder tries again", Id, refusal.Kind, refusal.Code);
            return;
        }
        await AfterObligationChangedAsync(settled);
        await ArmAsync();
    }, log, Id);

    /// <summary>Misses marked and the project read again for every obligation: the tick's work and the officer's refresh.</summary>
    private async Task<int> CheckAllAsync(NpgsqlConnection cn, NpgsqlTransaction tx, AgreementRecord record, string actor, DateTimeOffset now, List<Settled> settled)
    {
        var touched = new HashSet<Guid>();
        var changed = await ReadProjectAsync(cn, tx, record.Agreement.ProjectId, record.Obligations, actor, now, settled, touched);
        // An obligation the project's figures just changed was decided there (a miss included): its row is written once.
        foreach (var o in record.Obligations.Where(o => !touched.Contains(o.Id)))
        {
            if (o.Miss(now) is not { } missed)
                continue;
            await AgreementBook.SaveObligationAsync(cn, tx, missed.After, o.Version, now, CancellationToken.None);
            await ledger.AppendAsync(cn, tx, o.Id, missed.Change.Event, actor, now, missed.Change.Reason, AgreementBook.LedgerState(missed.After), CancellationToken.None);
            settled.Add(new Settled(missed.After, missed.Change));
            changed++;
        }
        return changed;
    }

    /// <summary>The project's stage dates and 到资 applied to the obligations measured from them; the count of obligations changed.</summary>
    private async Task<int> ReadProjectAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid projectId, IReadOnlyList<Obligation> obligations, string actor,
        DateTimeOffset now, List<Settled> settled, HashSet<Guid>? touched = null)
    {
        var measured = obligations.Where(o => ObligationKinds.FromProject(o.Terms.Kind)).ToList();
        if (measured.Count == 0)
            return 0;
        var (stages, investments) = await AgreementBook.ProjectRecordsAsync(cn, tx, projectId, CancellationToken.None);
        var changed = 0;
        foreach (var o in measured)
            if (ProjectProgress.For(o.Terms, stages, investments, clock.Today()) is { } reading && await ApplyAsync(cn, tx, o, reading, null, actor, now, settled))
            {
                changed++;
                touched?.Add(o.Id);
            }
        return changed;
    }

    /// <summary>One figure applied: the row from the version loaded, the figure in the history, one ledger entry per change.</summary>
    private async Task<bool> ApplyAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Obligation o, ProgressReading reading, Guid? userId, string actor,
        DateTimeOffset now, List<Settled> settled)
    {
        if (o.Apply(reading, now, clock.Today()) is not { } applied)
            return false;
        await AgreementBook.SaveObligationAsync(cn, tx, applied.After, o.Version, now, CancellationToken.None);
        if (applied.Changes.Any(c => c.Event == "Obligation.Progress"))
            await AgreementBook.InsertProgressAsync(cn, tx, o.Id, reading, userId, now, CancellationToken.None);
        foreach (var change in applied.Changes)
        {
            await ledger.AppendAsync(cn, tx, o.Id, change.Event, actor, now, change.Reason, AgreementBook.LedgerState(applied.After, reading), CancellationToken.None);
            if (change.SettlesStatus)
                settled.Add(new Settled(applied.After, change));
        }
        return true;
    }

    private delegate Task<AgreementSaved> Work(NpgsqlConnection cn, NpgsqlTransaction tx, AgreementRecord record, List<Settled> settled, DateTimeOffset now);

    private Task<GrainReply> Existing(CommandContext context, Work work) => Command(context, async (cn, tx, _, settled, now) =>
        await work(cn, tx, await AgreementBook.LoadAsync(cn, tx, Id, CancellationToken.None) ?? throw new NotFoundException("agreement", Id), settled, now));

    /// <summary>One user command: one transaction; after its commit, the settled obligations announced and the reminder set.</summary>
    private Task<GrainReply> Command(CommandContext context, Work work) => GrainFaults.Answer(async () =>
    {
        var settled = new List<Settled>();
        var outcome = await journal.RunAsync(context, (cn, tx) => work(cn, tx, null!, settled, clock.GetUtcNow()));
        if (outcome.Committed)
        {
            await AfterObligationChangedAsync(settled);
            await TryArmAsync();
        }
        return outcome.Reply;
    }, log, Id);

    /// <summary>
    /// After every commit that changed obligations' status (Met, Cured, Missed) — never for a refusal, a replay or a
    /// failure: a missed obligation opens its default (notice, cure period; idempotent by obligation id), and a met or
    /// cured one wakes the promises waiting on it as a condition (a condition-unmet promise whose conditions are now all
    /// met runs again). Each has its own net (every node's reader of Missed obligations without a default; the promise's
    /// daily re-check), so a failure here is logged, not raised.
    /// </summary>
    private async Task AfterObligationChangedAsync(IReadOnlyList<Settled> settled)
    {
        foreach (var s in settled)
        {
            log.LogInformation("Agreement {Agreement}: obligation {Obligation} {From} → {To}", Id, s.Obligation.Id, s.Change.From, s.Change.To);
            try
            {
                if (s.Change.To == ObligationStatus.Missed)
                    await GrainFactory.GetGrain<IObligationDefaultGrain>(s.Obligation.Id).Open();
                else if (s.Change.To is ObligationStatus.Met or ObligationStatus.Cured)
                    await PromiseConditionWake.WakeAsync(dataSource, GrainFactory, s.Obligation.Id);
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Could not tell the default or the conditional promises of obligation {Obligation} now; their nets catch up", s.Obligation.Id);
            }
        }
    }

    private async Task TryArmAsync()
    {
        try
        {
            await ArmAsync();
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Agreement {Agreement}: its reminder was not set now; the next command or the project's news sets it", Id);
        }
    }

    /// <summary>The reminder for the next due end, at least daily while an obligation is unsatisfied (the project is read again); none once all are.</summary>
    private async Task ArmAsync()
    {
        AgreementRecord? record;
        await using (var cn = await dataSource.OpenConnectionAsync())
            record = await AgreementBook.LoadAsync(cn, null, Id, CancellationToken.None);
        var open = record?.Obligations.Where(o => !o.IsSatisfied).ToList() ?? [];
        if (open.Count == 0)
        {
            if (await this.GetReminder(DueReminder) is { } reminder)
                await this.UnregisterReminder(reminder);
            _armedFor = null;
            return;
        }
        var now = clock.GetUtcNow();
        var next = open.Select(o => o.NextDeadline).OfType<DateTimeOffset>().DefaultIfEmpty(now + timings.LongestWait).Min();
        if (next > now + timings.LongestWait)
            next = now + timings.LongestWait;
        if (_armedFor == next)
            return;
        var wait = next - now;
        await this.RegisterOrUpdateReminder(DueReminder, wait < Soonest ? Soonest : wait, timings.Retry);
        _armedFor = next;
    }
}
