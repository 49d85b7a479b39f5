using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace BizEnv.Invest.Application.Tests.Cluster;

/// <summary>
/// Two nodes on one database — one in this process, one a process of its own that is killed -9
/// half-way — and 1,000 promises falling due at once, handed to their grains as an upgrade hands
/// them over (the re-arming queue). Every promise lapses exactly once: 1,000 lapse entries, an alert
/// for each post-2018 one and a list entry for each earlier one (written by the list's grain), none twice, the chain intact.
/// </summary>
public sealed class MassLapseTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private ClusterNode _a = default!;
    private SiloProcess _b = default!;

    public async Task InitializeAsync()
    {
        _db = await TestPostgres.CreateDatabaseAsync(nameof(MassLapseTests));
        // Node A's re-arming reader waits while B takes the first rows; B reads the queue at once.
        _b = await SiloProcess.StartAsync(_db, new Dictionary<string, string> { ["Grains__RearmIntervalSeconds"] = "0.2" });
        _a = await ClusterNode.StartAsync(_db.AppConnectionString, _db.OwnerConnectionString, new FakeClock(DateTimeOffset.UtcNow),
            settings: new Dictionary<string, string?> { ["Grains:RearmIntervalSeconds"] = "0.5" });
        await Services.GetRequiredService<Infrastructure.Seeding.DemoSeeder>().SeedAsync();
        await Services.GetRequiredService<Infrastructure.Seeding.CrmDemoSeeder>().SeedAsync();
    }

    private IServiceProvider Services => _a.Services;

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task A_thousand_promises_due_at_once_on_two_silos_lapse_exactly_once_when_one_silo_is_killed_mid_way()
    {
        await using var cn = new NpgsqlConnection(_db.AppConnectionString);
        var project = await cn.QuerySingleAsync<(Guid Id, Guid Unit, Guid Investor)>(
            "SELECT id, unit_id AS Unit, investor_id AS Investor FROM projects ORDER BY number LIMIT 1");
        // Counted before the promises are queued: the re-arming readers start lapsing them at once (seen: 14 entries early).
        var before = await cn.ExecuteScalarAsync<long>("SELECT count(*) FROM ledger_history");
        // 400 made before 2018 (the remediation list), 600 after (breaches); all due 2026-01-31.
        await cn.ExecuteAsync("""
            WITH made AS (
                INSERT INTO commitments (id, project_id, investor_id, unit_id, kind, clause, made_on, due_date, lapse_at, promiser_name, status, created_at, updated_at)
                SELECT gen_random_uuid(), @Id, @Investor, @Unit, 'Other', '批量测试承诺 ' || g,
                       CASE WHEN g <= 400 THEN date '2017-06-01' ELSE date '2024-06-01' END, date '2026-01-31', timestamptz '2026-01-30 16:00:00+00', '测试', 'Open', now(), now()
                FROM generate_series(1, 1000) g RETURNING id)
            INSERT INTO deadline_rearm (commitment_id, queued_at) SELECT id, now() FROM made
            """, new { project.Id, project.Investor, project.Unit });

        // Kill B once the lapses are well under way (some of them B's).
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (await Lapsed(cn) < 150)
        {
            started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), "the lapses never got under way");
            await Task.Delay(20);
        }
        await _b.KillAsync();
        output.WriteLine($"B killed after {started.Elapsed.TotalSeconds:0.0} s with {await Lapsed(cn)} lapsed");
        while (await Lapsed(cn) < 1000)
        {
            started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(120), $"only {await Lapsed(cn)} of 1,000 lapsed");
            await Task.Delay(200);
        }
        output.WriteLine($"all 1,000 lapsed after {started.Elapsed.TotalSeconds:0.0} s");
        // The list's grain writes the list entries from the joins queued with the lapses, just after each batch commits
        // (B's last ones, queued before it died, by A's join reader).
        while (await cn.ExecuteScalarAsync<long>("SELECT count(*) FROM remediation_items") < 400)
        {
            started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(150), "the list never took all its joins");
            await Task.Delay(200);
        }

        // Nothing left queued, and only then counted (a retried check must not lapse a promise twice): what B held when it
        // died went back to the queue and A served it — the grains that were B's once B was declared dead (calls to them
        // fail until then, and wait their turn again).
        while (await cn.ExecuteScalarAsync<long>("SELECT count(*) FROM deadline_rearm") > 0)
        {
            started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(150), "the re-arming queue never emptied");
            await Task.Delay(200);
        }
        (await cn.ExecuteScalarAsync<long>("SELECT count(*) FROM ledger_history")).ShouldBe(before + 1400);
        (await cn.ExecuteScalarAsync<long>("SELECT count(*) FROM ledger_history WHERE event = 'Lapsed'")).ShouldBe(1000);
        (await cn.ExecuteScalarAsync<long>("SELECT count(DISTINCT commitment_id) FROM ledger_history WHERE event = 'Lapsed'")).ShouldBe(1000);
        (await cn.ExecuteScalarAsync<long>("SELECT count(*) FROM ledger_history WHERE event = 'RemediationListed'")).ShouldBe(400);
        (await cn.ExecuteScalarAsync<long>("SELECT count(*) FROM breach_alerts")).ShouldBe(600);
        (await cn.ExecuteScalarAsync<long>("SELECT count(DISTINCT commitment_id) FROM breach_alerts")).ShouldBe(600);
        (await cn.ExecuteScalarAsync<long>("SELECT count(*) FROM remediation_items")).ShouldBe(400);
        (await cn.ExecuteScalarAsync<long>("SELECT count(*) FROM remediation_joins")).ShouldBe(0);
        (await cn.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE type = 'BreachAlertRaised'")).ShouldBe(600);
        (await Services.GetRequiredService<LedgerVerifier>().VerifyAsync()).Intact.ShouldBeTrue();
    }

    private static Task<long> Lapsed(NpgsqlConnection cn) =>
        cn.ExecuteScalarAsync<long>("SELECT count(*) FROM commitments WHERE clause LIKE '批量测试%' AND status = 'Lapsed'");
}
