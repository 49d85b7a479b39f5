using BizEnv.Invest.Domain.Commitments;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Promises;

/// <summary>One condition of a promise as the evidence records it: the obligation, where it stands, and its progress.</summary>
public sealed record ConditionEvidence(
    Guid CommitmentId, Guid ObligationId, string Kind, string Description, decimal? Target, string? Unit, DateOnly DueDate, decimal? Progress,
    DateOnly? ReachedOn, string Status, DateOnly? MetOn, int PaymentDays)
{
    public ConditionState ToState() => new(ObligationId, Status, MetOn);
}

/// <summary>
/// Reads the obligations conditional promises wait on. The agreement's grain writes those rows; the promise
/// only reads them — inside its lapse transaction with FOR SHARE, so an obligation turning Met meanwhile
/// either committed before (and is seen) or waits for the lapse to commit (and then wakes the promise).
/// </summary>
public static class PromiseConditionRows
{
    public static async Task<IReadOnlyList<ConditionEvidence>> ReadAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, IReadOnlyCollection<Guid> commitmentIds,
        bool forShare, CancellationToken ct) =>
        commitmentIds.Count == 0 ? [] : [.. await cn.QueryAsync<ConditionEvidence>(new CommandDefinition($"""
            SELECT cc.commitment_id AS CommitmentId, o.id AS ObligationId, o.kind AS Kind, o.description AS Description, o.target AS Target, o.unit AS Unit,
                   o.due_date AS DueDate, o.progress AS Progress, o.reached_on AS ReachedOn, o.status AS Status, o.met_on AS MetOn,
                   a.condition_payment_days AS PaymentDays
            FROM commitment_conditions cc JOIN obligations o ON o.id = cc.obligation_id JOIN agreements a ON a.id = o.agreement_id
            WHERE cc.commitment_id = ANY(@ids) ORDER BY cc.commitment_id, o.due_date, o.id
            {(forShare ? "FOR SHARE OF o" : "")}
            """, new { ids = commitmentIds.ToArray() }, tx, cancellationToken: ct))];
}

/// <summary>
/// Wakes the condition-unmet promises waiting on an obligation, once its change (Met, Cured) has committed: each
/// promise's grain reads its conditions again and runs again if all are met. Called by the agreement's grain after
/// the commit; should that call be lost, each promise's daily tick does the same.
/// </summary>
public static class PromiseConditionWake
{
    public static async Task<int> WakeAsync(NpgsqlDataSource dataSource, Orleans.IGrainFactory grains, Guid obligationId, CancellationToken ct = default)
    {
        Guid[] waiting;
        await using (var cn = await dataSource.OpenConnectionAsync(ct))
            waiting = [.. await cn.QueryAsync<Guid>(new CommandDefinition("""
                SELECT c.id FROM commitment_conditions cc JOIN commitments c ON c.id = cc.commitment_id
                WHERE cc.obligation_id = @obligationId AND c.status = 'ConditionUnmet'
                """, new { obligationId }, cancellationToken: ct))];
        foreach (var id in waiting)
            await grains.GetGrain<IPromiseGrain>(id).ConditionsChanged();
        return waiting.Length;
    }
}
