using BizEnv.Invest.Application.Commitments.Alerts;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.Remediation.GetRemediationSummary;
using BizEnv.Invest.Domain.Commitments;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Remediation.Grain;

/// <summary>
/// The list grain's rows: items read into the aggregate and written back, joins taken from the queue,
/// escalations raised, figures per unit. Called by the list's grain only (it is their one writer).
/// </summary>
public static class RemediationBook
{
    private sealed record ItemRow(Guid CommitmentId, string? Plan, Guid? ResponsibleUnitId, DateOnly? Deadline, int ProgressPercent, string Status, int Version);

    /// <summary>The item as stored; not on the list: not found.</summary>
    public static async Task<RemediationItem> LoadAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid commitmentId, CancellationToken ct) =>
        await FindAsync(cn, tx, commitmentId, ct) ?? throw new Errors.NotFoundException("remediation", commitmentId);

    public static async Task<RemediationItem?> FindAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid commitmentId, CancellationToken ct)
    {
        var row = await cn.QuerySingleOrDefaultAsync<ItemRow>(new CommandDefinition("""
            SELECT commitment_id AS CommitmentId, plan AS Plan, responsible_unit AS ResponsibleUnitId, deadline AS Deadline, progress_percent AS ProgressPercent,
                   status AS Status, version AS Version
            FROM remediation_items WHERE commitment_id = @commitmentId
            """, new { commitmentId }, tx, cancellationToken: ct));
        return row is null ? null : RemediationItem.Restore(row.CommitmentId, row.Plan, row.ResponsibleUnitId, row.Deadline, row.ProgressPercent, row.Status == "SignedOff", row.Version);
    }

    /// <summary>Every open item with a deadline and when it escalates (the list's grain arms a reminder for each not yet escalated).</summary>
    public static async Task<IReadOnlyList<(Guid CommitmentId, DateOnly Deadline)>> WatchedAsync(NpgsqlConnection cn, CancellationToken ct) =>
        (await cn.QueryAsync<(Guid, DateOnly)>(new CommandDefinition("""
            SELECT r.commitment_id, r.deadline FROM remediation_items r
            WHERE r.status = 'Open' AND r.deadline IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM breach_alerts a WHERE a.commitment_id = r.commitment_id AND a.due_date = r.deadline AND a.kind = 'RemediationOverdue')
            """, cancellationToken: ct))).ToList();

    /// <summary>Whether this deadline of the item has escalated already.</summary>
    public static Task<bool> EscalatedAsync(NpgsqlConnection cn, Guid commitmentId, DateOnly deadline, CancellationToken ct) =>
        cn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM breach_alerts WHERE commitment_id = @commitmentId AND due_date = @deadline AND kind = 'RemediationOverdue')
            """, new { commitmentId, deadline }, cancellationToken: ct));

    public static async Task SavePlanAsync(NpgsqlConnection cn, NpgsqlTransaction tx, RemediationItem item, CancellationToken ct)
    {
        var unitExists = await cn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM units WHERE id = @ResponsibleUnitId)", new { item.ResponsibleUnitId }, tx, cancellationToken: ct));
        if (!unitExists)
            throw new Domain.Common.FieldRuleException("ResponsibleUnitId", "remediation.unit_required");
        await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE remediation_items SET study_notes = @StudyNotes, plan = @Plan, responsible_unit = @ResponsibleUnitId, deadline = @Deadline, version = @Version
            WHERE commitment_id = @CommitmentId
            """, new { item.CommitmentId, item.StudyNotes, item.Plan, item.ResponsibleUnitId, item.Deadline, item.Version }, tx, cancellationToken: ct));
    }

    public static Task SaveProgressAsync(NpgsqlConnection cn, NpgsqlTransaction tx, RemediationItem item, Guid by, string note, DateTimeOffset now,
        CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO remediation_updates (id, commitment_id, at, by_user, note, progress_percent) VALUES (@id, @CommitmentId, @now, @by, @note, @ProgressPercent);
            UPDATE remediation_items SET progress_percent = @ProgressPercent, version = @Version WHERE commitment_id = @CommitmentId;
            """, new { id = Guid.NewGuid(), item.CommitmentId, now, by, note, item.ProgressPercent, item.Version }, tx, cancellationToken: ct));

    public static Task SaveSignOffAsync(NpgsqlConnection cn, NpgsqlTransaction tx, RemediationItem item, Guid by, DateTimeOffset now, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("""
            UPDATE remediation_items SET status = 'SignedOff', signed_off_at = @now, signed_off_by = @by, evidence = @Evidence, progress_percent = @ProgressPercent,
                   version = @Version
            WHERE commitment_id = @CommitmentId
            """, new { item.CommitmentId, now, by, item.Evidence, item.ProgressPercent, item.Version }, tx, cancellationToken: ct));

    /// <summary>
    /// Puts the locked joins on the list: each item inserted once (a promise already listed is skipped)
    /// with its RemediationListed entry recording the item as it was listed, and the rows deleted.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> JoinAsync(NpgsqlConnection cn, NpgsqlTransaction tx, LedgerWriter ledger, IReadOnlyList<RemediationJoins.Queued> joins,
        DateTimeOffset now, CancellationToken ct)
    {
        var inserted = (await cn.QueryAsync<Guid>(new CommandDefinition("""
            INSERT INTO remediation_items (commitment_id, joined_at, source, responsible_unit, deadline)
            SELECT j.commitment_id, j.queued_at, j.source, j.responsible_unit, j.deadline FROM remediation_joins j WHERE j.commitment_id = ANY(@ids)
            ON CONFLICT DO NOTHING RETURNING commitment_id
            """, new { ids = joins.Select(j => j.CommitmentId).ToArray() }, tx, cancellationToken: ct))).ToHashSet();
        await cn.ExecuteAsync(new CommandDefinition("DELETE FROM remediation_joins WHERE commitment_id = ANY(@ids)",
            new { ids = joins.Select(j => j.CommitmentId).ToArray() }, tx, cancellationToken: ct));
        // As written before the list had a grain: the item as a fresh row reads (an import's unit and deadline came after its listing).
        var entries = joins.Where(j => inserted.Contains(j.CommitmentId)).Select(j => new LedgerEntry(j.CommitmentId, "RemediationListed", j.Actor, now, null,
            new { Remediation = RemediationList.Fresh(j.CommitmentId, j.Source, j.QueuedAt) })).ToList();
        if (entries.Count > 0)
            await ledger.AppendManyAsync(cn, tx, entries, ct);
        return [.. inserted];
    }

    /// <summary>
    /// The escalation of a missed deadline: a RemediationOverdue alert for that deadline (unique per
    /// promise, date and kind — the guarantee it is raised once, whichever node or activation ticks) and,
    /// only when the alert is new, a RemediationEscalated ledger entry. Returns the new alert's id.
    /// </summary>
    public static async Task<Guid?> EscalateAsync(NpgsqlConnection cn, NpgsqlTransaction tx, LedgerWriter ledger, Guid commitmentId, DateOnly deadline,
        DateTimeOffset now, CancellationToken ct)
    {
        var state = await CommitmentLoad.Read(cn, tx, commitmentId, ct);
        var alertId = await BreachAlerts.RaiseAsync(cn, tx, commitmentId, deadline, "RemediationOverdue", state.UnitId, state.ProjectNumber, now, ct);
        if (alertId is not null)
            await ledger.AppendAsync(cn, tx, commitmentId, "RemediationEscalated", "system", now, $"deadline {deadline:yyyy-MM-dd}", state, ct);
        return alertId;
    }

    /// <summary>The figures per unit, unit names in the asked language (set for this transaction only: the connection goes back to a shared pool).</summary>
    public static async Task<IReadOnlyList<RemediationUnitProgress>> UnitProgressAsync(NpgsqlConnection cn, bool english, DateOnly today, CancellationToken ct)
    {
        await using var tx = await cn.BeginTransactionAsync(ct);
        await cn.ExecuteAsync(new CommandDefinition("SELECT set_config('invest.lang', @lang, true)", new { lang = english ? "en" : "zh" }, tx, cancellationToken: ct));
        var rows = (await cn.QueryAsync<RemediationUnitProgress>(new CommandDefinition("""
            SELECT u.id AS UnitId, unit_name(u.name_zh, u.name_en) AS UnitName, count(*)::int AS Items,
                   count(*) FILTER (WHERE r.plan IS NOT NULL)::int AS Planned,
                   count(*) FILTER (WHERE r.status = 'SignedOff')::int AS SignedOff,
                   count(*) FILTER (WHERE r.status = 'Open' AND r.deadline IS NOT NULL AND @today > r.deadline)::int AS Overdue,
                   round(avg(r.progress_percent), 1) AS AverageProgress
            FROM remediation_items r JOIN commitments c ON c.id = r.commitment_id JOIN units u ON u.id = coalesce(r.responsible_unit, c.unit_id)
            GROUP BY u.id, u.name_zh ORDER BY u.name_zh
            """, new { today }, tx, cancellationToken: ct))).ToList();
        await tx.CommitAsync(ct);
        return rows;
    }
}
