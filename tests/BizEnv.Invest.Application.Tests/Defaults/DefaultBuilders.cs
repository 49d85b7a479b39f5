using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Tests.Crm;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Tests.Defaults;

/// <summary>
/// Agreements and obligations written straight into their tables (their own grain is another slice's): an agreement of the
/// officer's unit for a new project, and an obligation on it in the status a test needs.
/// </summary>
public static class DefaultBuilders
{
    /// <summary>A new agreement of the officer's unit with one obligation (fixed-asset investment of 5 亿元 due a month ago); returns the obligation's id.</summary>
    public static async Task<Guid> Obligation(this AppFixture app, Actor officer, string status = "Missed", int cureDays = 5, string remedy = "RecoverSubsidy",
        decimal? remedyAmount = 2_000_000m, string kind = "FixedAssetInvestment", DateOnly? due = null)
    {
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var agreementId = Guid.NewGuid();
        var id = Guid.NewGuid();
        await using var cn = new NpgsqlConnection(app.Database.AppConnectionString);
        await cn.ExecuteAsync("""
            INSERT INTO agreements (id, project_id, investor_id, unit_id, number, title, government_signatory, investor_signatory, signed_on, owner_id, created_by,
                                    created_at, updated_at)
            SELECT @agreementId, p.id, p.investor_id, @unit, 'XY-' || left(@agreementId::text, 8), '年产 10GWh 储能电池项目投资协议', '王主任', '李总', DATE '2024-03-01',
                   @officer, @officer, now(), now()
            FROM projects p WHERE p.id = @project;
            INSERT INTO obligations (id, agreement_id, kind, description, target, unit, due_date, status, met_on, cure_days, remedy, remedy_amount, owner_id,
                                     created_at, updated_at)
            VALUES (@id, @agreementId, @kind, '固定资产投资到位', CASE WHEN @kind IN ('StartOfConstruction', 'Production') THEN NULL ELSE 50000 END,
                    CASE WHEN @kind IN ('StartOfConstruction', 'Production') THEN NULL ELSE '万元' END, @due, @status,
                    CASE WHEN @status IN ('Met', 'Cured') THEN @due END, @cureDays, @remedy, @remedyAmount, @officer, now(), now());
            """, new
        {
            agreementId, id, project = project.Id, unit = officer.UnitId, officer = officer.UserId, kind, status, cureDays, remedy, remedyAmount,
            due = due ?? DateOnly.FromDateTime(app.Clock.GetUtcNow().AddDays(-30).Date),
        });
        return id;
    }

    /// <summary>What the agreement's grain does when the investor reaches the target late: the obligation Cured.</summary>
    public static Task<int> CureObligation(this AppFixture app, Guid obligationId) =>
        app.Scalar<int>("UPDATE obligations SET status = 'Cured', met_on = @today, progress = 50000 WHERE id = @obligationId RETURNING 1",
            new { obligationId, today = DateOnly.FromDateTime(app.Clock.GetUtcNow().Date) });

    public static Task<Guid> DefaultOf(this AppFixture app, Guid obligationId) =>
        app.Scalar<Guid>("SELECT id FROM obligation_defaults WHERE obligation_id = @obligationId", new { obligationId });

    public static Task<IReadOnlyList<string>> DefaultEvents(this AppFixture app, Guid defaultId) =>
        app.Query<string>("SELECT event FROM ledger_history WHERE commitment_id = @defaultId ORDER BY seq NULLS LAST, queued_id", new { defaultId });

    /// <summary>The cure-end reminders set for this obligation's default (0 or 1).</summary>
    public static Task<long> CureReminders(this AppFixture app, Guid obligationId) =>
        app.Scalar<long>("SELECT count(*) FROM orleans_reminders WHERE reminder_name = 'cure-end' AND grain_id LIKE '%' || @key || '%'",
            new { key = obligationId.ToString("N") });
}
