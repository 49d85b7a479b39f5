using System.Diagnostics;
using System.Globalization;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.AgreementFigures;
using BizEnv.Invest.Application.Commitments.AgreementFigures.GetAgreementFigures;
using Npgsql;

namespace BizEnv.Invest.Benchmarks;

/// <summary>
/// The agreement figures on /figures (issue #14 item 6): the query through the full application path (MediatR pipeline,
/// the three readers, Dapper into records) against the same three statements on a bare <see cref="NpgsqlCommand"/> with
/// every row read, for all units and for one, over generated promises, obligations and defaults.
/// </summary>
internal static class FigureBenchmarks
{
    private static readonly string[] PromiseStatuses = ["Open", "InProgress", "PartlyFulfilled", "Extended", "Fulfilled", "Cancelled", "Lapsed", "Open", "PartlyFulfilled", "Lapsed"];
    private static readonly string[] ObligationStatuses = ["Open", "Met", "Missed", "Cured", "Open"];

    public static async Task RunAsync(RequestDispatcher dispatcher, NpgsqlDataSource dataSource, string ownerConnection, Actor leader, Guid[] units,
        int promises, int obligations, int iterations)
    {
        var started = Stopwatch.StartNew();
        await CrmData.LoadAsync(ownerConnection, units, leader.UserId!.Value, 2_000, 1);
        await LoadAsync(ownerConnection, leader.UserId!.Value, promises, obligations);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Loaded {promises:N0} promises, {obligations:N0} obligations (2,000 agreements) and their defaults in {started.Elapsed.TotalSeconds:F1} s"));

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        Console.WriteLine($"{iterations} operations per scenario; 'app' = MediatR pipeline + the three readers + Dapper records, 'raw' = the same three SELECTs on bare NpgsqlCommands, every row read");
        foreach (var (name, unit) in new (string, Guid?)[] { ("all units", null), ("one unit", units[0]) })
        {
            var app = await Measure.Run($"app agreement figures, {name}", iterations, async _ => await dispatcher.Send(new GetAgreementFigures(unit), leader));
            var raw = await Measure.Run($"raw agreement figures, {name}", iterations, async _ => await RawAsync(dataSource, unit, today));
            Console.WriteLine(app);
            Console.WriteLine(raw);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  ratio app/raw throughput = {app.OpsPerSecond / raw.OpsPerSecond:P0}; app p99 {app.P99Ms:F1} ms"));
        }
    }

    private static async Task RawAsync(NpgsqlDataSource dataSource, Guid? unit, DateOnly today)
    {
        await using var cn = await dataSource.OpenConnectionAsync();
        await using (var units = new NpgsqlCommand("SELECT unit_name(name_zh, name_en) FROM units WHERE id = @unitId", cn))
        {
            units.Parameters.AddWithValue("unitId", (object?)unit ?? DBNull.Value);
            await units.ExecuteScalarAsync();
        }
        foreach (var (sql, withToday, withRunning) in new[] { (ContingentLiabilityReader.Sql, false, true), (ObligationFigureReader.Sql, true, false), (DefaultFigureReader.Sql, false, false) })
        {
            // Dapper's @name parameters, bound by name on a bare command.
            await using var cmd = new NpgsqlCommand(sql, cn);
            cmd.Parameters.Add(new NpgsqlParameter("unitId", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)unit ?? DBNull.Value });
            if (withToday)
                cmd.Parameters.AddWithValue("today", today);
            if (withRunning)
                cmd.Parameters.AddWithValue("running", ContingentLiabilityReader.Running);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++)
                    reader.GetValue(i);
        }
    }

    private static async Task LoadAsync(string ownerConnection, Guid by, int promises, int obligations)
    {
        await using var cn = new NpgsqlConnection(ownerConnection);
        await cn.OpenAsync();
        async Task Exec(string sql, params (string, object)[] args)
        {
            await using var cmd = new NpgsqlCommand(sql, cn) { CommandTimeout = 600 };
            foreach (var (name, value) in args)
                cmd.Parameters.AddWithValue(name, value);
            await cmd.ExecuteNonQueryAsync();
        }
        await Exec("CREATE TEMP TABLE bench_projects AS SELECT id, investor_id, unit_id, (row_number() OVER (ORDER BY id)) - 1 AS n FROM projects");
        // Promises spread over statuses, five years due, a fulfilled share on every partly fulfilled one.
        await Exec("""
            INSERT INTO commitments (id, project_id, investor_id, unit_id, kind, clause, value_cny, made_on, due_date, lapse_at, promiser_id, promiser_name,
                                     status, fulfilled_share, created_at, updated_at)
            SELECT gen_random_uuid(), p.id, p.investor_id, p.unit_id, 'Subsidy', '设备投资补助', (1 + g % 500) * 10000, DATE '2024-03-01',
                   DATE '2024-06-30' + (g % 1800), (DATE '2024-06-30' + (g % 1800))::timestamptz + interval '16 hours', @by, '测试专员',
                   (@statuses::text[])[1 + g % 10], CASE WHEN (@statuses::text[])[1 + g % 10] = 'PartlyFulfilled' THEN 10 + g % 80 END, now(), now()
            FROM generate_series(0, @count - 1) g JOIN bench_projects p ON p.n = g % (SELECT count(*) FROM bench_projects)
            """, ("by", by), ("statuses", PromiseStatuses), ("count", promises));
        await Exec("""
            INSERT INTO agreements (id, project_id, investor_id, unit_id, number, title, government_signatory, investor_signatory, signed_on, owner_id, created_by, created_at, updated_at)
            SELECT gen_random_uuid(), p.id, p.investor_id, p.unit_id, 'BM-XY-' || p.n, '投资协议', '张主任', '李总', DATE '2024-01-10', @by, @by, now(), now()
            FROM bench_projects p
            """, ("by", by));
        await Exec("""
            INSERT INTO obligations (id, agreement_id, kind, description, target, unit, due_date, status, met_on, remedy, owner_id, created_at, updated_at)
            SELECT gen_random_uuid(), a.id, (ARRAY['StartOfConstruction','Production','FixedAssetInvestment','RegisteredCapital','TaxPerMu','AnnualOutput','Jobs','RnDSpending','Other'])[1 + g % 9],
                   '测试义务', 30, '万元', DATE '2025-01-01' + (g % 900), s.status, CASE WHEN s.status IN ('Met', 'Cured') THEN DATE '2025-01-01' + (g % 900) END,
                   'RecoverSubsidy', @by, now(), now()
            FROM generate_series(0, @count - 1) g
            CROSS JOIN LATERAL (SELECT (@statuses::text[])[1 + g % 5] AS status) s
            JOIN (SELECT id, (row_number() OVER (ORDER BY id)) - 1 AS n FROM agreements) a ON a.n = g % (SELECT count(*) FROM agreements)
            """, ("by", by), ("statuses", ObligationStatuses), ("count", obligations));
        await Exec("""
            INSERT INTO obligation_defaults (id, obligation_id, status, notice_number, notice_date, notice_text, cure_days, cure_until, decides_at, remedy,
                                             amount_due, amount_recovered, opened_at, closed_at)
            SELECT gen_random_uuid(), o.id, CASE WHEN o.status = 'Cured' THEN 'Cured' ELSE 'Remedying' END, 'BM-' || o.id, o.due_date + 1, '履约催告', 30,
                   o.due_date + 45, (o.due_date + 46)::timestamptz, 'RecoverSubsidy', 100000 + (abs(hashtext(o.id::text)) % 900000),
                   CASE WHEN o.status = 'Cured' THEN 0 ELSE abs(hashtext(o.id::text)) % 100000 END, now(), CASE WHEN o.status = 'Cured' THEN now() END
            FROM obligations o WHERE o.status IN ('Missed', 'Cured')
            """);
        foreach (var table in new[] { "commitments", "agreements", "obligations", "obligation_defaults" })
            await Exec($"VACUUM ANALYZE {table}");
    }
}
