using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Promises;
using BizEnv.Invest.Application.Tests.Crm;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BizEnv.Invest.Application.Tests.Commitments;

public static class CommitmentBuilders
{
    /// <summary>
    /// The officers of these promotion units (both demo ones unless named) may make promises of this kind without a
    /// limit: recorded with a policy basis, such a promise is binding at once rather than waiting for approval.
    /// </summary>
    public static async Task AllowWithoutLimit(this AppFixture app, Domain.Commitments.CommitmentKind kind, params string[] unitCodes) =>
        await app.Scalar<int>("""
            WITH x AS (INSERT INTO authority_limits (id, unit_id, role, kind, max_value, updated_at)
                       SELECT gen_random_uuid(), id, 'PromotionOfficer', @kind, NULL, now() FROM units WHERE code = ANY(@units) ON CONFLICT DO NOTHING)
            SELECT 1
            """, new { kind = kind.ToString(), units = unitCodes.Length == 0 ? new[] { "HCZS1", "HCZS2" } : unitCodes });

    /// <summary>A promise of the officer's unit that fell due yesterday, lapsed by its grain: returns the promise and its breach alert.</summary>
    public static async Task<(Guid CommitmentId, Guid AlertId)> LapsedBreach(this AppFixture app, Actor officer, DateOnly? madeOn = null)
    {
        var id = await app.DuePromise(officer, madeOn);
        await app.Grains.GetGrain<IPromiseGrain>(id).CheckDeadlines();
        return (id, await app.AlertOf(id));
    }

    /// <summary>A promise of the officer's unit that fell due yesterday, as an older version left it (its grain has not looked at it yet).</summary>
    public static async Task<Guid> DuePromise(this AppFixture app, Actor officer, DateOnly? madeOn = null)
    {
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var id = Guid.NewGuid();
        await using var cn = new NpgsqlConnection(app.Database.AppConnectionString);
        await cn.ExecuteAsync("""
            INSERT INTO commitments (id, project_id, investor_id, unit_id, kind, clause, value_cny, made_on, due_date, lapse_at, promiser_id, promiser_name, status, created_at, updated_at)
            SELECT @id, p.id, p.investor_id, p.unit_id, 'Subsidy', '设备投资补助 300 万元', 3000000, @made, @due, @lapseAt, @promiser, '测试专员', 'Open', now(), now()
            FROM projects p WHERE p.id = @project
            """, new
        {
            id, project = project.Id, made = madeOn ?? new DateOnly(2025, 3, 1), due = DateOnly.FromDateTime(app.Clock.GetUtcNow().AddDays(-2).Date),
            lapseAt = app.Clock.GetUtcNow().AddDays(-1), promiser = officer.UserId,
        });
        return id;
    }

    /// <summary>The breach alert of a lapsed promise (empty if none was raised).</summary>
    public static async Task<Guid> AlertOf(this AppFixture app, Guid commitmentId) =>
        (await app.Query<Guid>("SELECT id FROM breach_alerts WHERE commitment_id = @commitmentId", new { commitmentId })).SingleOrDefault();

    public static Task<IReadOnlyList<string>> LedgerEvents(this AppFixture app, Guid commitmentId) =>
        app.Query<string>("SELECT event FROM ledger_history WHERE commitment_id = @commitmentId ORDER BY seq NULLS LAST, queued_id", new { commitmentId });
}
