using BizEnv.Invest.Domain.Zones;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Tests.Zones;

/// <summary>A park managed by the demo park manager's unit, with one zone whose figures a test chooses.</summary>
internal static class ZoneFixture
{
    public static async Task<Guid> NewZone(this AppFixture app, decimal landMu, decimal powerKva = 10_000, string unitCode = "HCJK")
    {
        await using var cn = new NpgsqlConnection(app.Database.AppConnectionString);
        var park = Guid.NewGuid();
        var zone = Guid.NewGuid();
        await cn.ExecuteAsync("""
            INSERT INTO parks (id, name, level, park_type, managing_unit_id, leading_industries, created_at)
            VALUES (@park, @name, 'National', '经济技术开发区', (SELECT id FROM units WHERE code = @unitCode), '{C38}', now());
            INSERT INTO zones (id, park_id, name, lng, lat, land_use, land_total_m2, power_total_kva, updated_at)
            VALUES (@zone, @park, '测试片区', 121.6, 29.9, '工业用地', @land, @powerKva, now());
            INSERT INTO zone_readiness (zone_id, item, status, updated_at) VALUES (@zone, 'SiteLevelling', 'Ready', now()), (@zone, 'Power', 'Ready', now());
            """, new { park, name = "测试园区" + park.ToString("N")[..6], unitCode, zone, land = Area.MuToSquareMetres(landMu), powerKva });
        return zone;
    }
}
