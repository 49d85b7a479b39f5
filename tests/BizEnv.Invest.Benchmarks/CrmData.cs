using BizEnv.Invest.Domain.Crm;
using Npgsql;
using NpgsqlTypes;

namespace BizEnv.Invest.Benchmarks;

/// <summary>Bulk-loads generated investors and projects with binary COPY (the same columns the app writes).</summary>
internal static class CrmData
{
    private static readonly string[] Words = ["恒锐", "鼎新", "华拓", "瑞能", "中科", "启明", "博远", "凯晟", "蓝海", "星辰", "润泽", "安拓", "海纳", "宏图", "天衡", "睿达"];
    private static readonly string[] Industries = ["C3841", "C3612", "C3670", "C3825", "C3973", "C3562", "C2761", "C3581", "I6513", "C3985"];
    private static readonly string[] Stages = ["Lead", "Negotiating", "Signed", "Registered", "Started", "InProduction", "Terminated"];

    /// <param name="first">The number of the first generated firm (names and credit codes are numbered), so a registry can be grown in steps.</param>
    public static async Task LoadAsync(string ownerConnection, Guid[] units, Guid createdBy, int investors, int projectsPerInvestor, int first = 0)
    {
        var random = new Random(42);
        var now = DateTime.UtcNow;
        var investorIds = new (Guid Id, Guid Unit)[investors];
        await using var cn = new NpgsqlConnection(ownerConnection);
        await cn.OpenAsync();
        await using (var writer = await cn.BeginBinaryImportAsync(
            "COPY investors (id, unit_id, name, credit_code, ownership, home_region, industry_code, is_fortune500, is_china500, created_by, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = first; i < first + investors; i++)
            {
                var id = Guid.NewGuid();
                var unit = units[i % units.Length];
                investorIds[i - first] = (id, unit);
                var body = $"91370999{i:D9}";
                await writer.StartRowAsync();
                await writer.WriteAsync(id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(unit, NpgsqlDbType.Uuid);
                await writer.WriteAsync($"{Words[i % Words.Length]}{Words[i / 16 % Words.Length]}科技{i}有限公司", NpgsqlDbType.Text);
                await writer.WriteAsync(body + CreditCode.CheckCharacter(body), NpgsqlDbType.Text);
                await writer.WriteAsync(i % 7 == 0 ? "State" : "Private", NpgsqlDbType.Text);
                await writer.WriteAsync(i % 3 == 0 ? "北京" : "江苏", NpgsqlDbType.Text);
                await writer.WriteAsync(Industries[i % Industries.Length], NpgsqlDbType.Text);
                await writer.WriteAsync(i % 97 == 0, NpgsqlDbType.Boolean);
                await writer.WriteAsync(i % 31 == 0, NpgsqlDbType.Boolean);
                await writer.WriteAsync(createdBy, NpgsqlDbType.Uuid);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now.AddSeconds(-i), NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }
        await using (var writer = await cn.BeginBinaryImportAsync(
            "COPY projects (id, number, unit_id, investor_id, name, planned_investment, key_level, stage, stage_date, created_by, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            var n = 0;
            foreach (var (investor, unit) in investorIds)
            {
                for (var j = 0; j < projectsPerInvestor; j++, n++)
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                    await writer.WriteAsync($"BM-2026-{n + 1:D7}", NpgsqlDbType.Text);
                    await writer.WriteAsync(unit, NpgsqlDbType.Uuid);
                    await writer.WriteAsync(investor, NpgsqlDbType.Uuid);
                    await writer.WriteAsync($"项目{n}生产基地", NpgsqlDbType.Text);
                    await writer.WriteAsync((decimal)random.Next(1, 500) * 1_000_000m, NpgsqlDbType.Numeric);
                    await writer.WriteAsync(n % 10 == 0 ? "Municipal" : "None", NpgsqlDbType.Text);
                    await writer.WriteAsync(Stages[n % Stages.Length], NpgsqlDbType.Text);
                    await writer.WriteAsync(DateOnly.FromDateTime(now).AddDays(-(n % 365)), NpgsqlDbType.Date);
                    await writer.WriteAsync(createdBy, NpgsqlDbType.Uuid);
                    await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync(now.AddSeconds(-n), NpgsqlDbType.TimestampTz);
                }
            }
            await writer.CompleteAsync();
        }
        // As autovacuum would by then: statistics for the planner, visibility map for index-only counts.
        foreach (var table in new[] { "investors", "projects" })
        {
            await using var vacuum = new NpgsqlCommand($"VACUUM ANALYZE {table}", cn);
            await vacuum.ExecuteNonQueryAsync();
        }
    }
}
