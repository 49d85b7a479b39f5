using BizEnv.Invest.Domain.Handover;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Handover.Grain;

/// <summary>A handover as stored: the aggregate, and what moving its items needs (cause, reason).</summary>
public sealed record HandoverRecord(Domain.Handover.Handover Handover, HandoverCause Cause, string Reason, bool Completed)
{
    public HandoverOrder Order => new(Handover.Id, Handover.From, Handover.Successor, Reason);
}

/// <summary>The handover grain's reads and writes of its rows (<c>handovers</c>, <c>handover_items</c>).</summary>
public static class HandoverBook
{
    public static async Task<HandoverRecord?> LoadAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid id, CancellationToken ct)
    {
        await using var read = await cn.QueryMultipleAsync(new CommandDefinition("""
            SELECT from_user_id, successor_id, cause, reason, completed_at IS NOT NULL FROM handovers WHERE id = @id;
            SELECT kind, subject_id, label, status FROM handover_items WHERE handover_id = @id ORDER BY kind, label, subject_id;
            """, new { id }, tx, cancellationToken: ct));
        var head = await read.ReadSingleOrDefaultAsync<(Guid From, Guid Successor, string Cause, string Reason, bool Completed)?>();
        var items = (await read.ReadAsync<(string Kind, Guid Subject, string Label, string Status)>())
            .Select(i => new HandoverItem(i.Kind, i.Subject, i.Label, Enum.Parse<HandoverItemStatus>(i.Status))).ToList();
        return head is { } h
            ? new HandoverRecord(new Domain.Handover.Handover(id, h.From, h.Successor, [.. items]), Enum.Parse<HandoverCause>(h.Cause), h.Reason, h.Completed)
            : null;
    }

    /// <summary>The handover and its items, once: a second start of the same id adds nothing.</summary>
    public static async Task InsertAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, HandoverPlan plan, DateTimeOffset now, CancellationToken ct)
    {
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO handovers (id, from_user_id, successor_id, cause, from_unit_id, reason, created_by, created_at)
            VALUES (@id, @From, @Successor, @cause, @FromUnitId, @Reason, @CreatedBy, @now) ON CONFLICT (id) DO NOTHING
            """, new { id, plan.From, plan.Successor, cause = plan.Cause.ToString(), plan.FromUnitId, plan.Reason, plan.CreatedBy, now }, tx, cancellationToken: ct));
        await AddItemsAsync(cn, tx, id, plan.Items, ct);
    }

    public static Task AddItemsAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, IReadOnlyCollection<HandoverItemRef> items, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO handover_items (handover_id, kind, subject_id, label) SELECT @id, k, s, l FROM unnest(@kinds, @subjects, @labels) AS t (k, s, l)
            ON CONFLICT DO NOTHING
            """, new { id, kinds = items.Select(i => i.Kind).ToArray(), subjects = items.Select(i => i.SubjectId).ToArray(), labels = items.Select(i => i.Label).ToArray() },
            tx, cancellationToken: ct));

    /// <summary>Records how one item's move came out (only over Pending: a repeat changes nothing).</summary>
    public static Task MarkMovedAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid id, HandoverItem item, DateTimeOffset now, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("""
            UPDATE handover_items SET status = @status, assigned_at = CASE WHEN @status = 'Assigned' THEN @now END
            WHERE handover_id = @id AND kind = @Kind AND subject_id = @SubjectId AND status = 'Pending'
            """, new { id, item.Kind, item.SubjectId, status = item.Status.ToString(), now }, tx, cancellationToken: ct));

    public static Task CompleteAsync(NpgsqlConnection cn, Guid id, DateTimeOffset now, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("UPDATE handovers SET completed_at = @now WHERE id = @id AND completed_at IS NULL", new { id, now },
            cancellationToken: ct));

    /// <summary>Items were added to a completed handover: it is under way again.</summary>
    public static Task ReopenAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("UPDATE handovers SET completed_at = NULL WHERE id = @id", new { id }, tx, cancellationToken: ct));

    public static Task AcknowledgeAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, IReadOnlyList<HandoverItem> items, DateTimeOffset now, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("""
            UPDATE handover_items SET status = 'Acknowledged', acknowledged_at = @now
            FROM unnest(@kinds, @subjects) AS t (k, s)
            WHERE handover_id = @id AND kind = t.k AND subject_id = t.s AND status = 'Assigned'
            """, new { id, kinds = items.Select(i => i.Kind).ToArray(), subjects = items.Select(i => i.SubjectId).ToArray(), now }, tx, cancellationToken: ct));

    /// <summary>Whether the leaving user's account is disabled now (then nothing new can be theirs: a later look at their open items is final).</summary>
    public static Task<bool> IsDisabledAsync(NpgsqlConnection cn, Guid user, CancellationToken ct) =>
        cn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT is_disabled FROM users WHERE id = @user", new { user }, cancellationToken: ct));

    /// <summary>The handovers of a successor with items waiting for their acknowledgement.</summary>
    public static async Task<IReadOnlyList<Guid>> AwaitingAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid successor, CancellationToken ct) =>
        [.. await cn.QueryAsync<Guid>(new CommandDefinition("""
            SELECT DISTINCT h.id FROM handovers h JOIN handover_items i ON i.handover_id = h.id
            WHERE h.successor_id = @successor AND i.status = 'Assigned'
            """, new { successor }, tx, cancellationToken: ct))];
}

/// <summary>The ledger state of a <c>Handover.Acknowledged</c> entry.</summary>
public sealed record HandoverAcknowledged(Guid HandoverId, string Kind, Guid SubjectId, Guid By);
