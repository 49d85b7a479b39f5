using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.AgreementFigures;

/// <summary>
/// The investors' obligations of one kind by where they stand: met, cured (met late, within the cure period), missed,
/// still open past the due date (its end not yet marked missed), not yet due.
/// </summary>
public sealed record ObligationKindFigure(string Kind, int Met, int Cured, int Missed, int OpenOverdue, int OpenNotDue)
{
    public int Total => Met + Cured + Missed + OpenOverdue + OpenNotDue;

    public int Satisfied => Met + Cured;

    public int Unmet => Missed + OpenOverdue;

    public decimal? MetRate => Domain.Commitments.CommitmentFigures.MetRate(Satisfied, Unmet);
}

/// <summary>Obligations met and unmet by kind (from <c>obligations</c>), of the agreements a unit signed or of all.</summary>
public static class ObligationFigureReader
{
    /// <summary>The kinds in the order the agreement form lists them (the schema's CHECK order).</summary>
    public static readonly string[] Kinds =
        ["StartOfConstruction", "Production", "FixedAssetInvestment", "RegisteredCapital", "TaxPerMu", "AnnualOutput", "Jobs", "RnDSpending", "Other"];

    /// <summary>Every kind that has an obligation; overdue is judged against <paramref name="today"/> (Beijing): a due date ends at its midnight.</summary>
    public static async Task<IReadOnlyList<ObligationKindFigure>> ReadAsync(NpgsqlConnection cn, Guid? unitId, DateOnly today, CancellationToken ct)
    {
        var rows = await cn.QueryAsync<ObligationKindFigure>(new CommandDefinition(Sql, new { unitId, today }, cancellationToken: ct));
        return rows.OrderBy(r => Array.IndexOf(Kinds, r.Kind) is var i and >= 0 ? i : Kinds.Length).ThenBy(r => r.Kind, StringComparer.Ordinal).ToList();
    }

    public const string Sql = """
        SELECT o.kind AS Kind,
               count(*) FILTER (WHERE o.status = 'Met')::int AS Met,
               count(*) FILTER (WHERE o.status = 'Cured')::int AS Cured,
               count(*) FILTER (WHERE o.status = 'Missed')::int AS Missed,
               count(*) FILTER (WHERE o.status = 'Open' AND o.due_date < @today)::int AS OpenOverdue,
               count(*) FILTER (WHERE o.status = 'Open' AND o.due_date >= @today)::int AS OpenNotDue
        FROM obligations o JOIN agreements a ON a.id = o.agreement_id
        WHERE (@unitId::uuid IS NULL OR a.unit_id = @unitId)
        GROUP BY o.kind
        """;
}
