using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.AgreementFigures;

/// <summary>One unit's investor defaults 违约追偿: how many are open and closed, the amounts due under the remedies and recovered, in yuan.</summary>
public sealed record DefaultFigure(Guid UnitId, string UnitName, int Open, int Closed, decimal AmountDue, decimal AmountRecovered)
{
    public decimal? RecoveryRate => Domain.Commitments.CommitmentFigures.RecoveryRate(AmountDue, AmountRecovered);
}

/// <summary>
/// Defaults and amounts recovered, per unit that signed the agreement, read from the default slice's
/// <c>obligation_defaults</c> (its grain is their single writer; this only reads). A default is open until it has a
/// closing instant, whatever its step; amounts not yet set count as nothing.
/// </summary>
public static class DefaultFigureReader
{
    public static async Task<IReadOnlyList<DefaultFigure>> ReadAsync(NpgsqlConnection cn, Guid? unitId, CancellationToken ct) =>
        (await cn.QueryAsync<DefaultFigure>(new CommandDefinition(Sql, new { unitId }, cancellationToken: ct))).ToList();

    public const string Sql = """
        SELECT a.unit_id AS UnitId, unit_name(u.name_zh, u.name_en) AS UnitName,
               count(*) FILTER (WHERE d.closed_at IS NULL)::int AS Open,
               count(*) FILTER (WHERE d.closed_at IS NOT NULL)::int AS Closed,
               coalesce(sum(d.amount_due), 0) AS AmountDue,
               coalesce(sum(d.amount_recovered), 0) AS AmountRecovered
        FROM obligation_defaults d
        JOIN obligations o ON o.id = d.obligation_id
        JOIN agreements a ON a.id = o.agreement_id
        JOIN units u ON u.id = a.unit_id
        WHERE (@unitId::uuid IS NULL OR a.unit_id = @unitId)
        GROUP BY a.unit_id, u.name_zh, u.name_en
        ORDER BY UnitName
        """;
}
