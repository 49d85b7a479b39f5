using System.Text.Json;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Alerts;

/// <summary>
/// Raises a breach alert (or a remediation-overdue alert) inside the transaction that decided it,
/// with its outbox row for the push to every node's open pages. Once per promise, date and kind: the
/// unique key decides, so a repeated tick — or a second activation — cannot raise one twice.
/// </summary>
public static class BreachAlerts
{
    /// <summary>The new alert's id; null when that alert had been raised already.</summary>
    public static async Task<Guid?> RaiseAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid commitmentId, DateOnly dueDate, string kind, Guid unitId,
        string projectNumber, DateTimeOffset now, CancellationToken ct)
    {
        var raised = await RaiseManyAsync(cn, tx, [(commitmentId, dueDate, unitId, projectNumber)], kind, now, ct);
        return raised.Length == 0 ? null : raised[0];
    }

    /// <summary>Set-based, for a batch of lapses: the ids of the alerts raised now (those raised before are skipped).</summary>
    public static async Task<Guid[]> RaiseManyAsync(NpgsqlConnection cn, NpgsqlTransaction tx,
        IReadOnlyList<(Guid CommitmentId, DateOnly DueDate, Guid UnitId, string ProjectNumber)> due, string kind, DateTimeOffset now, CancellationToken ct)
    {
        if (due.Count == 0)
            return [];
        var alertIds = due.Select(_ => Guid.NewGuid()).ToArray();
        var raised = (await cn.QueryAsync<(Guid Id, Guid CommitmentId)>(new CommandDefinition("""
            INSERT INTO breach_alerts (id, commitment_id, due_date, kind, raised_at)
            SELECT a, c, d, @kind, @now FROM unnest(@alertIds, @commitments, @dues) AS x(a, c, d)
            ON CONFLICT DO NOTHING RETURNING id, commitment_id
            """, new { alertIds, commitments = due.Select(d => d.CommitmentId).ToArray(), dues = due.Select(d => d.DueDate).ToArray(), kind, now },
            tx, cancellationToken: ct))).ToList();
        if (raised.Count == 0)
            return [];
        var byCommitment = due.ToDictionary(d => d.CommitmentId);
        var ids = raised.Select(r => r.Id).ToArray();
        var payloads = raised.Select(r => JsonSerializer.Serialize(new
        {
            alertId = r.Id, commitmentId = r.CommitmentId, kind, unitId = byCommitment[r.CommitmentId].UnitId, projectNumber = byCommitment[r.CommitmentId].ProjectNumber,
        })).ToArray();
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO outbox (id, type, payload, created_at) SELECT i, @type, p::jsonb, @now FROM unnest(@ids, @payloads) AS x(i, p)
            """, new { ids, payloads, now, type = AlertRelay.EventType }, tx, cancellationToken: ct));
        return ids;
    }
}
