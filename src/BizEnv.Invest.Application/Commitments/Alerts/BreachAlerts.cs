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
        var alertId = Guid.NewGuid();
        var raised = await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO breach_alerts (id, commitment_id, due_date, kind, raised_at) VALUES (@alertId, @commitmentId, @dueDate, @kind, @now) ON CONFLICT DO NOTHING
            """, new { alertId, commitmentId, dueDate, kind, now }, tx, cancellationToken: ct));
        if (raised == 0)
            return null;
        var payload = JsonSerializer.Serialize(new { alertId, commitmentId, kind, unitId, projectNumber });
        await cn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO outbox (id, type, payload, created_at) VALUES (@alertId, @type, @payload::jsonb, @now)",
            new { alertId, type = AlertRelay.EventType, payload, now }, tx, cancellationToken: ct));
        return alertId;
    }
}
