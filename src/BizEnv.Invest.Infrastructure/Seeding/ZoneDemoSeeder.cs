using BizEnv.Invest.Domain.Zones;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BizEnv.Invest.Infrastructure.Seeding;

/// <summary>
/// Demo parks of 海川市: the economic-technological development zone (managed by the demo park manager's
/// unit), the high-tech zone and a county industrial park, ten zones with believable figures around an
/// invented city centre, checklists with a few gaps and dates already passed, and reservations by demo
/// projects. Loaded once ("demo:zones"), after the CRM demo.
/// </summary>
public sealed class ZoneDemoSeeder(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<ZoneDemoSeeder> log)
{
    public const string Marker = "demo:zones";

    private sealed record ZoneSeed(string Park, string Name, decimal Lng, decimal Lat, string LandUse, decimal LandMu, decimal Factory, decimal Power, decimal Water, decimal Gas);

    private static readonly (string Name, string Level, string Type, string Unit, string[] Industries, string Description)[] Parks =
    [
        ("海川经济技术开发区", "National", "经济技术开发区", "HCJK", ["C38", "C36"], "新能源汽车与动力电池产业集聚区，港口物流便利。"),
        ("海川高新技术产业开发区", "Provincial", "高新技术产业开发区", "HCGX", ["C39", "C27", "I65"], "集成电路、生物医药与软件信息产业，毗邻高校科研院所。"),
        ("东湖县工业园区", "Municipal", "县域工业园区", "DHX", ["C33", "C29", "C13"], "装备制造与新材料配套园区，土地储备充足、要素成本低。"),
    ];

    private static readonly ZoneSeed[] Zones =
    [
        new("海川经济技术开发区", "临港新能源片区", 121.62m, 29.92m, "工业用地", 1200, 180_000, 80_000, 12_000, 30_000),
        new("海川经济技术开发区", "汽车零部件配套园", 121.58m, 29.95m, "工业用地", 650, 120_000, 40_000, 6_000, 15_000),
        new("海川经济技术开发区", "保税物流区", 121.66m, 29.90m, "仓储用地", 300, 60_000, 10_000, 2_000, 3_000),
        new("海川经济技术开发区", "智能制造标准厂房区", 121.60m, 29.89m, "工业用地", 120, 220_000, 25_000, 3_000, 5_000),
        new("海川高新技术产业开发区", "集成电路产业园", 121.48m, 29.98m, "工业用地", 480, 90_000, 120_000, 20_000, 8_000),
        new("海川高新技术产业开发区", "生物医药创新港", 121.45m, 30.01m, "科研用地", 260, 70_000, 30_000, 8_000, 6_000),
        new("海川高新技术产业开发区", "软件信息服务区", 121.50m, 30.03m, "商务用地", 80, 150_000, 15_000, 1_500, 1_000),
        new("东湖县工业园区", "装备制造园", 121.30m, 29.80m, "工业用地", 1500, 60_000, 50_000, 9_000, 20_000),
        new("东湖县工业园区", "新材料产业园", 121.27m, 29.83m, "工业用地", 900, 40_000, 35_000, 15_000, 25_000),
        new("东湖县工业园区", "农产品加工区", 121.33m, 29.77m, "工业用地", 400, 30_000, 12_000, 5_000, 6_000),
    ];

    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        await using var cn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await cn.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        if (!await SeedRuns.ClaimAsync(cn, tx, Marker, now, ct))
            return false;
        var park = await cn.ExecuteScalarAsync<Guid?>(new CommandDefinition("SELECT id FROM users WHERE user_name = 'park'", transaction: tx, cancellationToken: ct));
        if (park is null)
            return false;
        var today = DateOnly.FromDateTime(Domain.Common.BeijingTime.ToBeijing(now).DateTime);

        var parkIds = new Dictionary<string, Guid>();
        foreach (var p in Parks)
        {
            parkIds[p.Name] = Guid.NewGuid();
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO parks (id, name, level, park_type, managing_unit_id, leading_industries, description, created_at)
                VALUES (@id, @Name, @Level, @Type, (SELECT id FROM units WHERE code = @Unit), @Industries, @Description, @now)
                """, new { id = parkIds[p.Name], p.Name, p.Level, p.Type, p.Unit, p.Industries, p.Description, now }, tx, cancellationToken: ct));
        }

        var zoneIds = new List<Guid>();
        var items = ReadinessItems.Classic.Concat(ReadinessItems.New).ToList();
        for (var i = 0; i < Zones.Length; i++)
        {
            var z = Zones[i];
            var id = Guid.NewGuid();
            zoneIds.Add(id);
            var d = 0.012m;
            var polygon = $"[[{z.Lng - d},{z.Lat - d}],[{z.Lng + d},{z.Lat - d}],[{z.Lng + d},{z.Lat + d}],[{z.Lng - d},{z.Lat + d}]]";
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO zones (id, park_id, name, lng, lat, polygon, land_use, land_total_m2, factory_total_m2, power_total_kva, water_total_tpd, gas_total_m3pd, updated_at)
                VALUES (@id, @park, @Name, @Lng, @Lat, @polygon::jsonb, @LandUse, @land, @Factory, @Power, @Water, @Gas, @now)
                """, new { id, park = parkIds[z.Park], z.Name, z.Lng, z.Lat, polygon, z.LandUse, land = Math.Round(Area.MuToSquareMetres(z.LandMu), 2),
                z.Factory, z.Power, z.Water, z.Gas, now }, tx, cancellationToken: ct));
            // Most items ready; a few partly or not yet — some with an expected date already passed.
            for (var j = 0; j < items.Count; j++)
            {
                var status = (i + j) % 7 == 0 ? ReadinessStatus.NotYet : (i + j) % 5 == 0 ? ReadinessStatus.Partly : ReadinessStatus.Ready;
                DateOnly? expected = status == ReadinessStatus.Ready ? null : today.AddDays((i + j) % 3 == 0 ? -20 : 45 + j);
                await cn.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO zone_readiness (zone_id, item, status, expected_date, updated_at) VALUES (@id, @item, @status, @expected, @now)
                    """, new { id, item = items[j].ToString(), status = status.ToString(), expected, now }, tx, cancellationToken: ct));
            }
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO capacity_changes (zone_id, subject, before, after, reason, changed_by, changed_at)
                VALUES (@id, 'Land', NULL, @land, '初始录入（演示数据）', @park, @now)
                """, new { id, land = Math.Round(Area.MuToSquareMetres(z.LandMu), 2).ToString(System.Globalization.CultureInfo.InvariantCulture), park, now },
                tx, cancellationToken: ct));
        }

        // Signed demo projects hold land in the larger zones; earlier ones hold it as "intended".
        // Spread so that no zone is ever over-reserved (the rule the app enforces).
        int[] roomy = [0, 1, 4, 7, 8];
        var projects = (await cn.QueryAsync<(Guid Id, string Stage, Guid By)>(new CommandDefinition(
            "SELECT id, stage, created_by FROM projects WHERE stage NOT IN ('Terminated', 'Lead') ORDER BY number LIMIT 12", transaction: tx, cancellationToken: ct))).ToList();
        for (var i = 0; i < projects.Count; i++)
        {
            var (projectId, stage, by) = projects[i];
            var zone = zoneIds[roomy[i % roomy.Length]];
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO reservations (id, zone_id, project_id, resource, amount, status, created_by, created_at)
                VALUES (@rid, @zone, @projectId, 'Land', @amount, @status, @by, @now);
                UPDATE projects SET zone_id = @zone WHERE id = @projectId AND zone_id IS NULL;
                """, new { rid = Guid.NewGuid(), zone, projectId, amount = Math.Round(Area.MuToSquareMetres(50 + 10 * i), 2),
                status = stage == "Negotiating" ? "Intended" : "Reserved", by, now }, tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
        log.LogInformation("Loaded demo zones: {Parks} parks, {Zones} zones", Parks.Length, Zones.Length);
        return true;
    }
}
