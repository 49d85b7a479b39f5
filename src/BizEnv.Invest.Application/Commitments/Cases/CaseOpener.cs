using BizEnv.Invest.Domain.Commitments;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Cases;

/// <summary>
/// Opens the case of a confirmed alert inside the confirming transaction: numbered per year under a
/// row lock (no gaps, no duplicates across nodes), referred at once, so the 30-day result clock starts.
/// </summary>
public static class CaseOpener
{
    public static async Task<Guid> OpenAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid alertId, Guid commitmentId, Guid unitId, Guid openedBy,
        DateTimeOffset now, DateOnly today, CancellationToken ct)
    {
        var sequence = await cn.ExecuteScalarAsync<int>(new CommandDefinition("""
            INSERT INTO case_number_sequences (year, last) VALUES (@year, 1)
            ON CONFLICT (year) DO UPDATE SET last = case_number_sequences.last + 1
            RETURNING last
            """, new { year = today.Year }, tx, cancellationToken: ct));
        var id = Guid.NewGuid();
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO integrity_cases (id, number, alert_id, commitment_id, unit_id, opened_at, opened_by, result_due)
            VALUES (@id, @number, @alertId, @commitmentId, @unitId, @now, @openedBy, @due)
            """, new { id, number = IntegrityCaseRules.Number(today.Year, sequence), alertId, commitmentId, unitId, now, openedBy,
            due = IntegrityCaseRules.ResultDue(today) }, tx, cancellationToken: ct));
        return id;
    }
}
