using System.Text.Json;
using BizEnv.Invest.Application.Calendar;
using BizEnv.Invest.Application.Commitments.Alerts;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.Remediation;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Sweeper;

/// <summary>
/// The deadline sweeper every node runs. Each pass claims a small batch of promises whose due date
/// has ended (FOR UPDATE SKIP LOCKED: nodes never take the same rows, and rows a dead node had
/// claimed are free again when its transaction dies), lapses them, writes the ledger entry and —
/// for promises made on or after 2018-01-01 — the breach alert and its outbox event, all in the
/// batch's one transaction. Promises made earlier join the remediation list instead. The unique keys
/// on alerts and list items make a repeated lapse impossible. Once the transaction has committed (never
/// before: a page hears only of committed alerts) the alerts are pushed through the cluster
/// (<see cref="AlertRelay"/>); if this process dies first, a relay on any node pushes them from the outbox.
/// </summary>
public sealed class DeadlineSweep(NpgsqlDataSource dataSource, LedgerWriter ledger, WorkingCalendarSource calendar, TimeProvider clock, AlertRelay relay, ILogger<DeadlineSweep> log)
{
    /// <summary>Lapses at most <paramref name="batchSize"/> promises; returns how many.</summary>
    public async Task<int> LapseBatchAsync(int batchSize, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var cn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await cn.BeginTransactionAsync(ct);
        var due = (await cn.QueryAsync<CommitmentRow>(new CommandDefinition(CommitmentRow.Select + """
             WHERE c.status IN ('Open', 'InProgress', 'PartlyFulfilled', 'Extended') AND c.lapse_at <= @now
             ORDER BY c.lapse_at LIMIT @batchSize FOR UPDATE OF c SKIP LOCKED
            """, new { now, batchSize }, tx, cancellationToken: ct))).Select(r => r.ToState()).ToList();
        if (due.Count == 0)
            return 0;
        // Set-based from here: a batch is a handful of statements whatever its size, so a mass lapse
        // (a whole programme's promises falling due on one date) clears in seconds, not minutes.
        await cn.ExecuteAsync(new CommandDefinition(
            "UPDATE commitments SET status = 'Lapsed', updated_at = @now, version = version + 1 WHERE id = ANY(@ids)",
            new { now, ids = due.Select(c => c.Id).ToArray() }, tx, cancellationToken: ct));
        var breaches = due.Where(c => CommitmentDeadlines.LapseIsBreach(c.MadeOn)).ToList();
        var earlier = due.Where(c => !CommitmentDeadlines.LapseIsBreach(c.MadeOn)).Select(c => c.Id).ToArray();
        var listed = (await cn.QueryAsync<Guid>(new CommandDefinition("""
            INSERT INTO remediation_items (commitment_id, joined_at, source) SELECT id, @now, 'Lapsed' FROM unnest(@earlier) AS id
            ON CONFLICT DO NOTHING RETURNING commitment_id
            """, new { now, earlier }, tx, cancellationToken: ct))).ToHashSet();

        var entries = new List<LedgerEntry>(due.Count + listed.Count);
        foreach (var c in due)
        {
            var lapsed = c with { Status = CommitmentStatus.Lapsed, Version = c.Version + 1 };
            var breach = CommitmentDeadlines.LapseIsBreach(c.MadeOn);
            entries.Add(new LedgerEntry(c.Id, "Lapsed", "system", now, breach ? "breach" : "pre-2018: remediation list", lapsed));
            if (listed.Contains(c.Id))
                entries.Add(new LedgerEntry(c.Id, "RemediationListed", "system", now, null, new { Remediation = RemediationList.Fresh(c.Id, RemediationSource.Lapsed, now) }));
        }
        await ledger.AppendManyAsync(cn, tx, entries, ct);
        var (_, alertIds) = await RaiseAlertsAsync(cn, tx, breaches.Select(c => (c.Id, c.DueDate, c.UnitId, c.ProjectNumber)).ToList(), "Breach", now, ct);
        await tx.CommitAsync(ct);
        log.LogInformation("Lapsed {Count} promises", due.Count);
        await PushCommittedAsync(alertIds);
        return due.Count;
    }

    /// <summary>
    /// Escalates items of the pre-2018 list whose remediation deadline has passed without sign-off:
    /// a RemediationOverdue alert (once per item and deadline), with its ledger entry and outbox event,
    /// pushed through the cluster after the commit.
    /// </summary>
    public async Task<int> EscalateRemediationAsync(int batchSize, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var cn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await cn.BeginTransactionAsync(ct);
        var overdue = (await cn.QueryAsync<(Guid Id, DateOnly Deadline, Guid UnitId, string ProjectNumber)>(new CommandDefinition("""
            SELECT r.commitment_id, r.deadline, c.unit_id, p.number
            FROM remediation_items r JOIN commitments c ON c.id = r.commitment_id JOIN projects p ON p.id = c.project_id
            WHERE r.status = 'Open' AND r.deadline < @today
              AND NOT EXISTS (SELECT 1 FROM breach_alerts a WHERE a.commitment_id = r.commitment_id AND a.due_date = r.deadline AND a.kind = 'RemediationOverdue')
            ORDER BY r.deadline LIMIT @batchSize FOR UPDATE OF r SKIP LOCKED
            """, new { today = clock.Today(), batchSize }, tx, cancellationToken: ct))).ToList();
        var (raisedIds, alertIds) = await RaiseAlertsAsync(cn, tx, overdue, "RemediationOverdue", now, ct);
        var entries = new List<LedgerEntry>();
        foreach (var item in overdue.Where(o => raisedIds.Contains(o.Id)))
            entries.Add(new LedgerEntry(item.Id, "RemediationEscalated", "system", now, $"deadline {item.Deadline:yyyy-MM-dd}",
                await CommitmentLoad.Read(cn, tx, item.Id, ct)));
        if (entries.Count > 0)
            await ledger.AppendManyAsync(cn, tx, entries, ct);
        var raised = entries.Count;
        await tx.CommitAsync(ct);
        if (raised > 0)
            log.LogInformation("Escalated {Count} overdue remediation items", raised);
        await PushCommittedAsync(alertIds);
        return overdue.Count;
    }

    /// <summary>
    /// The fast path of the outbox: this process pushes its own just-committed alerts. A failure here
    /// loses nothing (the rows stay unrelayed for the relay), so it is logged, never thrown: the lapse
    /// has happened whatever becomes of the push.
    /// </summary>
    private async Task PushCommittedAsync(IReadOnlyCollection<Guid> alertIds)
    {
        try
        {
            await relay.PushAsync(alertIds, CancellationToken.None);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Pushing {Count} committed alerts failed; the outbox relay will push them", alertIds.Count);
        }
    }

    /// <summary>
    /// Raises alerts once per promise, date and kind (the unique key decides, so two nodes cannot both
    /// raise one), with one outbox event per alert for the push to every node's open pages.
    /// Returns the promises whose alert was raised now, and the new alerts' ids.
    /// </summary>
    private static async Task<(HashSet<Guid> Commitments, Guid[] AlertIds)> RaiseAlertsAsync(NpgsqlConnection cn, NpgsqlTransaction tx,
        IReadOnlyList<(Guid CommitmentId, DateOnly DueDate, Guid UnitId, string ProjectNumber)> due, string kind, DateTimeOffset now, CancellationToken ct)
    {
        if (due.Count == 0)
            return ([], []);
        var alertIds = due.Select(_ => Guid.NewGuid()).ToArray();
        var raised = (await cn.QueryAsync<(Guid Id, Guid CommitmentId)>(new CommandDefinition("""
            INSERT INTO breach_alerts (id, commitment_id, due_date, kind, raised_at)
            SELECT a, c, d, @kind, @now FROM unnest(@alertIds, @commitments, @dues) AS x(a, c, d)
            ON CONFLICT DO NOTHING RETURNING id, commitment_id
            """, new { alertIds, commitments = due.Select(d => d.CommitmentId).ToArray(), dues = due.Select(d => d.DueDate).ToArray(), kind, now },
            tx, cancellationToken: ct))).ToList();
        if (raised.Count == 0)
            return ([], []);
        var byCommitment = due.ToDictionary(d => d.CommitmentId);
        var ids = raised.Select(r => r.Id).ToArray();
        var payloads = raised.Select(r => JsonSerializer.Serialize(new
        {
            alertId = r.Id, commitmentId = r.CommitmentId, kind, unitId = byCommitment[r.CommitmentId].UnitId, projectNumber = byCommitment[r.CommitmentId].ProjectNumber,
        })).ToArray();
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO outbox (id, type, payload, created_at) SELECT i, @type, p::jsonb, @now FROM unnest(@ids, @payloads) AS x(i, p)
            """, new { ids, payloads, now, type = AlertRelay.EventType }, tx, cancellationToken: ct));
        return (raised.Select(r => r.CommitmentId).ToHashSet(), ids);
    }

    /// <summary>Sends the 30/7/1-working-day warnings that are due today to the promiser, the concierge A/B and the head of the promising unit, once each.</summary>
    public async Task<int> WarnAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var days = await calendar.GetAsync(ct);
        await using var cn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await cn.BeginTransactionAsync(ct);
        var running = await cn.QueryAsync<(Guid Id, DateOnly Due, Guid? Promiser, Guid ProjectId, string Clause, Guid UnitId)>(new CommandDefinition("""
            SELECT id, due_date, promiser_id, project_id, clause, unit_id FROM commitments
            WHERE status IN ('Open', 'InProgress', 'PartlyFulfilled', 'Extended') AND due_date BETWEEN @today AND @horizon
            FOR UPDATE SKIP LOCKED
            """, new { today, horizon = today.AddDays(75) }, tx, cancellationToken: ct));
        var sent = 0;
        foreach (var c in running)
        {
            // Only the nearest threshold that has come is announced: a promise recorded two days before
            // its due date gets "1 working day left", not three notices at once. The thresholds already
            // passed are recorded as done so they are never sent late.
            var reached = SafeWarningDates(days, c.Due).Where(w => w.On <= today).ToList();
            if (reached.Count == 0)
                continue;
            var before = reached.Min(w => w.Days);
            var fresh = await cn.QueryAsync<int>(new CommandDefinition("""
                INSERT INTO commitment_warnings (commitment_id, due_date, days_before, sent_at) SELECT @Id, @Due, d, @now FROM unnest(@thresholds) AS d
                ON CONFLICT DO NOTHING RETURNING days_before
                """, new { c.Id, c.Due, thresholds = reached.Select(w => w.Days).ToArray(), now = clock.GetUtcNow() }, tx, cancellationToken: ct));
            if (!fresh.Contains(before))
                continue;
            var eventId = Guid.NewGuid();
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO notifications (id, user_id, event_id, title, link, created_at)
                SELECT gen_random_uuid(), u, @eventId, @title, @link, @now
                FROM (SELECT @Promiser::uuid AS u UNION SELECT a_user_id FROM concierge_assignments WHERE project_id = @ProjectId AND ended_at IS NULL
                      UNION SELECT b_user_id FROM concierge_assignments WHERE project_id = @ProjectId AND ended_at IS NULL
                      UNION SELECT head_user_id FROM units WHERE id = @UnitId) people
                WHERE u IS NOT NULL
                ON CONFLICT DO NOTHING
                """, new { eventId, title = $"承诺将于 {c.Due:yyyy-MM-dd} 到期（还剩 {before} 个工作日）：{Trim(c.Clause)}", link = $"/commitments/{c.Id}",
                now = clock.GetUtcNow(), c.Promiser, c.ProjectId, c.UnitId }, tx, cancellationToken: ct));
            sent++;
        }
        await tx.CommitAsync(ct);
        return sent;
    }

    private static IEnumerable<(int Days, DateOnly On)> SafeWarningDates(Domain.Calendar.WorkingDayCalendar calendar, DateOnly due)
    {
        try
        {
            return CommitmentDeadlines.WarningDates(calendar, due);
        }
        catch (DomainException)
        {
            return []; // a year not loaded yet: no warnings rather than wrong ones
        }
    }

    private static string Trim(string clause) => clause.Length > 40 ? clause[..40] + "…" : clause;
}
