using BizEnv.Invest.Domain.Commitments;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Remediation;

/// <summary>
/// The queue of promises joining the list (table remediation_joins). Whoever makes a promise belong
/// on the list queues it in the same transaction; only the list's grain takes rows out (and writes
/// the item), so a join is exactly as durable as its cause and is written once.
/// </summary>
public static class RemediationJoins
{
    /// <summary>A join as queued: where it came from, what the sheet said of it (imports), who caused it and when.</summary>
    public sealed record Queued(Guid CommitmentId, RemediationSource Source, Guid? ResponsibleUnitId, DateOnly? Deadline, string Actor, DateTimeOffset QueuedAt);

    public static Task QueueAsync(NpgsqlConnection cn, NpgsqlTransaction tx, IReadOnlyCollection<Guid> ids, RemediationSource source, string actor,
        DateTimeOffset now, CancellationToken ct) =>
        ids.Count == 0 ? Task.CompletedTask : cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO remediation_joins (commitment_id, source, actor, queued_at) SELECT id, @source, @actor, @now FROM unnest(@ids) AS id
            ON CONFLICT DO NOTHING
            """, new { ids = ids.ToArray(), source = source.ToString(), actor, now }, tx, cancellationToken: ct));

    /// <summary>An imported promise, with the responsible unit and deadline its sheet row gave (either may be missing).</summary>
    public static Task QueueImportedAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, Guid? responsibleUnit, DateOnly? deadline, string actor,
        DateTimeOffset now, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO remediation_joins (commitment_id, source, responsible_unit, deadline, actor, queued_at)
            VALUES (@id, 'Imported', @responsibleUnit, @deadline, @actor, @now) ON CONFLICT DO NOTHING
            """, new { id, responsibleUnit, deadline, actor, now }, tx, cancellationToken: ct));

    private sealed record Row(Guid CommitmentId, string Source, Guid? ResponsibleUnitId, DateOnly? Deadline, string Actor, DateTimeOffset QueuedAt);

    /// <summary>Locks up to <paramref name="max"/> queued joins for the list's grain (SKIP LOCKED: a second activation, if ever, takes others).</summary>
    public static async Task<IReadOnlyList<Queued>> LockAsync(NpgsqlConnection cn, NpgsqlTransaction tx, int max, CancellationToken ct) =>
        (await cn.QueryAsync<Row>(new CommandDefinition("""
            SELECT commitment_id AS CommitmentId, source AS Source, responsible_unit AS ResponsibleUnitId, deadline AS Deadline, actor AS Actor, queued_at AS QueuedAt
            FROM remediation_joins ORDER BY queued_at LIMIT @max FOR UPDATE SKIP LOCKED
            """, new { max }, tx, cancellationToken: ct)))
        .Select(r => new Queued(r.CommitmentId, Enum.Parse<RemediationSource>(r.Source), r.ResponsibleUnitId, r.Deadline, r.Actor, r.QueuedAt)).ToList();

    /// <summary>Whether anything waits (a node's reader asks before waking the list's grain).</summary>
    public static Task<bool> AnyAsync(NpgsqlConnection cn, CancellationToken ct) =>
        cn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM remediation_joins)", cancellationToken: ct));
}
