using System.Globalization;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm.Investors;
using BizEnv.Invest.Application.Crm.Investors.ListInvestors;
using BizEnv.Invest.Application.Crm.Investors.SaveInvestor;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BizEnv.Invest.Benchmarks;

/// <summary>
/// The investor registry's targets: registering a firm through its grain (full pipeline → the firm's
/// grain → one transaction with its checks, rows and audit) against the same statements run raw, at
/// 1,000 and again at 100,000 firms — the save must not grow with the registry — and a name-fragment
/// search on a deep page (page 500) of the all-units registry at 100,000 firms.
/// </summary>
internal static class InvestorBenchmarks
{
    private const string Fragment = "科技1"; // generated names are "…科技{n}有限公司": 11,111 of 100,000 match, so page 500 is full

    public static async Task RunAsync(ClusterNode node, string ownerConnection, Actor officer, Guid otherUnit, int iterations, int small, int large)
    {
        var services = node.Services;
        var dispatcher = services.GetRequiredService<RequestDispatcher>();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();

        await CrmData.LoadAsync(ownerConnection, [officer.UnitId!.Value, otherUnit], officer.UserId!.Value, small, 0);
        var (appSmall, rawSmall) = await Create(dispatcher, dataSource, officer, small, iterations);
        await CrmData.LoadAsync(ownerConnection, [officer.UnitId!.Value, otherUnit], officer.UserId!.Value, large - small, 0, first: small);
        var (appLarge, rawLarge) = await Create(dispatcher, dataSource, officer, large, iterations);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  create through the grain: p50 at {large:N0} = {appLarge.P50Ms:F2} ms vs at {small:N0} = {appSmall.P50Ms:F2} ms, x{appLarge.P50Ms / appSmall.P50Ms:F2} (target ≤ 1.5): {(appLarge.P50Ms <= 1.5 * appSmall.P50Ms ? "met" : "NOT MET")}; raw x{rawLarge.P50Ms / rawSmall.P50Ms:F2}"));

        await DeepSearch(dispatcher, dataSource, officer, iterations);
    }

    private static SaveInvestor Firm(int size, int i, string tag)
    {
        var body = $"9137088{(tag == "app" ? 1 : 2)}{size.ToString(CultureInfo.InvariantCulture).Length:D3}{i:D6}";
        return new SaveInvestor(null, $"基准新建{tag}{size}号{i}有限公司", body + CreditCode.CheckCharacter(body), Ownership.Private, "江苏", "C3841", false, false, null,
            [new ContactDto("王经理", "投资总监", "13800000000", null)], []);
    }

    private static async Task<(Measure.Result App, Measure.Result Raw)> Create(RequestDispatcher dispatcher, NpgsqlDataSource dataSource, Actor officer, int size,
        int n)
    {
        // A counter, not the index: the warm-up's calls register firms too, and each firm's code is new.
        var (appNext, rawNext) = (0, 0);
        var app = await Measure.Run($"app create investor at {size:N0}", n, _ => dispatcher.Send(Firm(size, appNext++, "app"), officer));
        var raw = await Measure.Run($"raw create investor at {size:N0}", n, _ => RawCreate(dataSource, officer, Firm(size, rawNext++, "raw")));
        Console.WriteLine(app);
        Console.WriteLine(raw);
        var ratio = app.OpsPerSecond / raw.OpsPerSecond;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ratio app/raw throughput at {size:N0} = {ratio:P0} (target ≥ 50 %): {(ratio >= 0.5 ? "met" : "NOT MET")}"));
        return (app, raw);
    }

    /// <summary>What a registration does in the database, by hand: the same checks, rows and audit in one transaction.</summary>
    private static async Task RawCreate(NpgsqlDataSource dataSource, Actor officer, SaveInvestor r)
    {
        await using var cn = await dataSource.OpenConnectionAsync();
        await using var tx = await cn.BeginTransactionAsync();
        var id = Guid.NewGuid();
        await cn.QuerySingleOrDefaultAsync<(string, string)?>("""
            SELECT i.name, unit_name(u.name_zh, u.name_en) FROM investors i JOIN units u ON u.id = i.unit_id WHERE i.credit_code = @code AND i.id <> @id
            """, new { code = r.CreditCode, id }, tx);
        await cn.QuerySingleOrDefaultAsync<(string, string)?>("""
            SELECT i.name, unit_name(u.name_zh, u.name_en) FROM investors i JOIN units u ON u.id = i.unit_id
            WHERE i.name_key = regexp_replace(lower(@name), '[\s()（）]', '', 'g') AND i.id <> @id LIMIT 1
            """, new { name = r.Name, id }, tx);
        await cn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM industries WHERE code = @c)", new { c = r.IndustryCode }, tx);
        await cn.ExecuteAsync("""
            INSERT INTO investors (id, unit_id, name, credit_code, ownership, home_region, industry_code, is_fortune500, is_china500, created_by, created_at, updated_at)
            VALUES (@id, @unit, @Name, @CreditCode, 'Private', @HomeRegion, @IndustryCode, false, false, @by, now(), now());
            INSERT INTO investor_contacts (id, investor_id, name, title, phone, sort) VALUES (gen_random_uuid(), @id, '王经理', '投资总监', '13800000000', 0);
            INSERT INTO audit_log (at, user_id, user_name, roles, action, object_type, object_id, outcome, detail, client_ip)
            VALUES (now(), @by, 'officer', 'PromotionOfficer', 'SaveInvestor', 'investor', @idText, 'success', @Name, '127.0.0.1');
            """, new { id, unit = officer.UnitId, r.Name, r.CreditCode, r.HomeRegion, r.IndustryCode, by = officer.UserId, idText = id.ToString() }, tx);
        await tx.CommitAsync();
    }

    private static async Task DeepSearch(RequestDispatcher dispatcher, NpgsqlDataSource dataSource, Actor officer, int n)
    {
        var query = new ListInvestors(Search: Fragment, Registry: true, Page: 500);
        var args = InvestorListQuery.Args(query, officer, 20, 499 * 20);
        var pageSql = InvestorListQuery.PageSql(InvestorListQuery.Order(query));
        var first = await dispatcher.Send(query, officer);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"search '{Fragment}' across all units: {first.Total:N0} matches, page 500 holds {first.Items.Count}"));
        await using (var cn = await dataSource.OpenConnectionAsync())
        {
            foreach (var sql in new[] { InvestorListQuery.CountSql, pageSql })
            {
                var plan = await cn.QueryAsync<string>("EXPLAIN (ANALYZE, COSTS OFF) " + sql, args);
                Console.WriteLine("  plan: " + string.Join("\n        ", plan.Where(l => !l.TrimStart().StartsWith("Planning", StringComparison.Ordinal))));
            }
        }
        var app = await Measure.Run($"app search '{Fragment}' page 500", n, _ => dispatcher.Send(query, officer));
        var raw = await Measure.Run($"raw search '{Fragment}' page 500", n, async _ =>
        {
            await using var cn = await dataSource.OpenConnectionAsync();
            await cn.ExecuteScalarAsync<long>(InvestorListQuery.CountSql, args);
            (await cn.QueryAsync(pageSql, args)).AsList();
        });
        Console.WriteLine(app);
        Console.WriteLine(raw);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ratio app/raw throughput = {app.OpsPerSecond / raw.OpsPerSecond:P0}; app p99 {app.P99Ms:F1} ms (target ≤ 50 ms): {(app.P99Ms <= 50 ? "met" : "NOT MET")}"));
    }
}
