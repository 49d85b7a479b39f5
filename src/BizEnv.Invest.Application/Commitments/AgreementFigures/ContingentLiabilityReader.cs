using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.AgreementFigures;

/// <summary>What a unit's promises still owe in one year due: running (not yet delivered) and lapsed undelivered, in yuan.</summary>
public sealed record LiabilityFigure(int Year, Guid UnitId, string UnitName, decimal Running, decimal Lapsed);

/// <summary>
/// The government's contingent liabilities 或有负债: money promised but not yet delivered, by year due and unit. A
/// running promise owes its value less the share already delivered (<see cref="Domain.Commitments.CommitmentFigures.Undelivered"/>,
/// computed here per promise in SQL the same way); a lapsed one's undelivered money is counted apart, since it is
/// no longer contingent but a breach (or a pre-2018 item). "Running" includes ConditionUnmet: a conditional promise
/// whose condition is not yet met still stands, and is owed once the condition is met.
/// </summary>
public static class ContingentLiabilityReader
{
    /// <summary>The statuses of a promise that still stands and may yet be delivered.</summary>
    public static readonly string[] Running = ["Open", "InProgress", "PartlyFulfilled", "Extended", "ConditionUnmet"];

    public static async Task<IReadOnlyList<LiabilityFigure>> ReadAsync(NpgsqlConnection cn, Guid? unitId, CancellationToken ct) =>
        (await cn.QueryAsync<LiabilityFigure>(new CommandDefinition(Sql, new { unitId, running = Running }, cancellationToken: ct))).ToList();

    // Only promises of money count (value_cny set); a per-row round to the fen keeps the sums equal to the domain rule's.
    public const string Sql = """
        SELECT f.year AS Year, f.unit_id AS UnitId, unit_name(u.name_zh, u.name_en) AS UnitName, f.running AS Running, f.lapsed AS Lapsed
        FROM (
            SELECT extract(year FROM c.due_date)::int AS year, c.unit_id,
                   coalesce(sum(round(c.value_cny * (1 - least(greatest(coalesce(c.fulfilled_share, 0), 0), 100) / 100), 2))
                            FILTER (WHERE c.status <> 'Lapsed'), 0) AS running,
                   coalesce(sum(round(c.value_cny * (1 - least(greatest(coalesce(c.fulfilled_share, 0), 0), 100) / 100), 2))
                            FILTER (WHERE c.status = 'Lapsed'), 0) AS lapsed
            FROM commitments c
            WHERE c.value_cny > 0 AND (c.status = ANY(@running) OR c.status = 'Lapsed') AND (@unitId::uuid IS NULL OR c.unit_id = @unitId)
            GROUP BY 1, 2
        ) f JOIN units u ON u.id = f.unit_id
        ORDER BY f.year, UnitName
        """;
}
