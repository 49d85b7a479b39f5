using BizEnv.Invest.Application.Abstractions;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Tests.Commitments.Conditions;

/// <summary>
/// Agreements and obligations inserted by SQL, as the agreement's grain (another slice of #14) would have written
/// them: the promise side only reads these rows.
/// </summary>
public static class AgreementRows
{
    public static async Task<(Guid Agreement, Guid[] Obligations)> NewAgreement(this AppFixture app, Actor officer, Guid projectId, int paymentDays,
        params string[] kinds)
    {
        var agreement = Guid.NewGuid();
        var obligations = kinds.Select(_ => Guid.NewGuid()).ToArray();
        await using var cn = new NpgsqlConnection(app.Database.AppConnectionString);
        await cn.ExecuteAsync("""
            INSERT INTO agreements (id, project_id, investor_id, unit_id, number, title, government_signatory, investor_signatory, signed_on,
                                    condition_payment_days, owner_id, created_by, created_at, updated_at)
            SELECT @agreement, p.id, p.investor_id, p.unit_id, 'XY-' || left(@agreement::text, 8), '投资协议', '张主任', '李总', '2025-03-01', @paymentDays,
                   @officer, @officer, now(), now()
            FROM projects p WHERE p.id = @projectId;
            INSERT INTO obligations (id, agreement_id, kind, description, target, unit, due_date, status, remedy, owner_id, created_at, updated_at)
            SELECT o.id, @agreement, o.kind, o.kind || ' 义务', CASE WHEN o.kind IN ('StartOfConstruction', 'Production') THEN NULL ELSE 30 END,
                   CASE WHEN o.kind IN ('StartOfConstruction', 'Production') THEN NULL ELSE '万元/亩/年' END, '2026-06-30', 'Open', 'ReduceRebate', @officer, now(), now()
            FROM unnest(@obligations, @kinds) AS o(id, kind);
            """, new { agreement, projectId, paymentDays, officer = officer.UserId, obligations, kinds });
        return (agreement, obligations);
    }

    /// <summary>Sets an obligation where the agreement's grain would have put it (met on a day, or missed).</summary>
    public static async Task SetObligation(this AppFixture app, Guid obligationId, string status, DateOnly? metOn = null, decimal? progress = null)
    {
        await using var cn = new NpgsqlConnection(app.Database.AppConnectionString);
        await cn.ExecuteAsync("""
            UPDATE obligations SET status = @status, met_on = @metOn, progress = coalesce(@progress, progress), version = version + 1, updated_at = now()
            WHERE id = @obligationId
            """, new { obligationId, status, metOn, progress });
    }
}
