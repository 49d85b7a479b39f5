using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Application.Calendar;
using BizEnv.Invest.Domain.Crm;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BizEnv.Invest.Infrastructure.Seeding;

/// <summary>
/// Demo CRM data for 海川市: 40 fictional firms across the city's focus industries, 60 projects
/// spread over every stage, visits with demands, trips (one report overdue), concierge A/B pairs
/// and key-project issues. Deterministic (fixed seed), loaded once ("demo:crm"). Every name is invented.
/// </summary>
public sealed class CrmDemoSeeder(NpgsqlDataSource dataSource, WorkingCalendarSource calendar, TimeProvider clock, ILogger<CrmDemoSeeder> log)
{
    public const string Marker = "demo:crm";

    private static readonly string[] Cities = ["苏州", "深圳", "上海", "北京", "天津", "杭州", "合肥", "宁波", "无锡", "常州", "厦门", "成都", "西安", "武汉"];
    private static readonly string[] Brands = ["恒锐", "鼎新", "华拓", "瑞能", "中科远", "启明", "博远", "凯晟", "蓝海", "星辰", "润泽", "安拓", "海纳", "宏图", "天衡", "睿达", "金桥", "拓维", "众诚", "同创"];
    private static readonly (string Code, string Word)[] Industries =
    [
        ("C3841", "新能源科技"), ("C3612", "新能源汽车"), ("C3670", "汽车零部件"), ("C3825", "光伏科技"), ("C3973", "集成电路"),
        ("C3562", "半导体装备"), ("C2761", "生物医药"), ("C3581", "医疗器械"), ("I6513", "软件技术"), ("C3985", "电子材料"),
    ];
    private static readonly string[] Regions = ["北京", "天津", "上海", "广东", "江苏", "浙江", "香港", "德国", "日本"];
    private static readonly string[] ProjectWords = ["生产基地", "研发中心", "智能制造项目", "扩产项目", "总部项目", "产业园项目"];

    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        await using var cn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await cn.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        if (!await SeedRuns.ClaimAsync(cn, tx, Marker, now, ct))
            return false;

        var people = (await cn.QueryAsync<(string UserName, Guid Id, Guid UnitId)>(new CommandDefinition(
            "SELECT user_name, id, unit_id FROM users WHERE user_name IN ('officer', 'officer2', 'leader')", transaction: tx, cancellationToken: ct)))
            .ToDictionary(p => p.UserName);
        if (!people.ContainsKey("officer") || !people.ContainsKey("officer2"))
            return false;
        var officers = new[] { people["officer"], people["officer2"] };
        var leader = people.GetValueOrDefault("leader").Id;
        var random = new Random(20261121);
        var today = DateOnly.FromDateTime(BeijingTime.ToBeijing(now).DateTime);

        var investors = new List<(Guid Id, Guid Unit, Guid Officer, string Name)>();
        for (var i = 0; i < 40; i++)
        {
            var (code, word) = Industries[i % Industries.Length];
            var name = $"{Cities[i % Cities.Length]}{Brands[i % Brands.Length]}{word}有限公司";
            var officer = officers[i % 2];
            var id = Guid.NewGuid();
            var ownership = (i % 7) switch { 0 => Ownership.State, 5 => Ownership.Foreign, 6 => Ownership.HongKongMacaoTaiwan, _ => Ownership.Private };
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO investors (id, unit_id, name, credit_code, ownership, home_region, industry_code, is_fortune500, is_china500, created_by, created_at, updated_at)
                VALUES (@id, @unit, @name, @credit, @ownership, @region, @code, @f500, @c500, @by, @now, @now)
                """, new { id, unit = officer.UnitId, name, credit = CreditCodeFor(i), ownership = ownership.ToString(), region = Regions[i % Regions.Length], code,
                f500 = i % 11 == 0, c500 = i % 5 == 0, by = officer.Id, now }, tx, cancellationToken: ct));
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO investor_contacts (id, investor_id, name, title, phone, email) VALUES (@cid, @id, @contact, '投资总监', @phone, @mail);
                INSERT INTO investor_officers (investor_id, user_id) VALUES (@id, @officer);
                """, new { cid = Guid.NewGuid(), id, contact = $"{"张王李赵陈刘周吴"[i % 8]}经理", phone = $"1380000{i:D4}", mail = $"invest{i}@firm{i}.example", officer = officer.Id },
                tx, cancellationToken: ct));
            investors.Add((id, officer.UnitId, officer.Id, name));
        }

        var stages = Enum.GetValues<ProjectStage>();
        var projects = new List<(Guid Id, Guid Officer, ProjectStage Stage, KeyProjectLevel Level)>();
        var year = today.Year;
        for (var i = 0; i < 60; i++)
        {
            var investor = investors[i % investors.Count];
            var stage = stages[i % stages.Length];
            var level = i % 4 == 0 ? KeyProjectLevel.Municipal : i % 9 == 0 ? KeyProjectLevel.Provincial : KeyProjectLevel.None;
            var id = Guid.NewGuid();
            var number = UnifiedNumber.Format("HC", year, i + 1);
            var planned = Math.Round(random.Next(5, 300) * 10_000_000m, 2); // decimal: 300 × 10^7 overflows int
            var stageDate = today.AddDays(-random.Next(3, 200));
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO projects (id, number, unit_id, investor_id, name, planned_investment, registered_capital, jobs, key_level, stage, stage_date,
                                      terminated_reason, responsible_leader, working_team, construction_plan, created_by, created_at, updated_at)
                VALUES (@id, @number, @unit, @investor, @name, @planned, @capital, @jobs, @level, @stage, @stageDate, @reason, @leader, @team, @plan, @by, @now, @now)
                """, new
            {
                id, number, unit = investor.Unit, investor = investor.Id, name = investor.Name.Replace("有限公司", "") + ProjectWords[i % ProjectWords.Length],
                planned, capital = planned / 5, jobs = random.Next(50, 1500), level = level.ToString(), stage = stage.ToString(), stageDate,
                reason = stage == ProjectStage.Terminated ? "投资方调整全国布局，暂缓在海川投资" : null,
                leader = level == KeyProjectLevel.None ? (Guid?)null : leader, team = level == KeyProjectLevel.None ? null : "投促局、自然资源局、园区管委会联合工作专班",
                plan = level == KeyProjectLevel.None ? null : "签约后 3 个月内完成供地，6 个月内开工，18 个月内投产", by = investor.Officer, now,
            }, tx, cancellationToken: ct));
            // The stage history up to the current stage.
            var previous = ProjectStage.Lead;
            foreach (var s in stages.Where(s => s != ProjectStage.Lead && s != ProjectStage.Terminated && (int)s <= (int)stage))
            {
                await InsertStage(cn, tx, id, previous, s, stageDate, investor.Officer, now, ct);
                previous = s;
            }
            if (stage == ProjectStage.Terminated)
                await InsertStage(cn, tx, id, ProjectStage.Negotiating, ProjectStage.Terminated, stageDate, investor.Officer, now, ct);
            if (ProjectStages.IsSignedOrLater(stage))
                await cn.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO project_investments (id, project_id, on_date, amount, note, created_by, created_at) VALUES (@pid, @id, @on, @amount, '首期到资', @by, @now)
                    """, new { pid = Guid.NewGuid(), id, on = stageDate, amount = Math.Round(planned * (decimal)(0.1 + 0.1 * (i % 5)), 2), by = investor.Officer, now },
                    tx, cancellationToken: ct));
            projects.Add((id, investor.Officer, stage, level));
        }
        await cn.ExecuteAsync(new CommandDefinition("INSERT INTO project_number_sequences (unit_code, year, last) VALUES ('HC', @year, 60) ON CONFLICT DO NOTHING",
            new { year }, tx, cancellationToken: ct));

        // Concierge: most open key projects get an A/B pair; one is left with A only, so the gap list has something to show.
        var open = projects.Where(p => p.Level != KeyProjectLevel.None && !ProjectStages.IsFinal(p.Stage)).ToList();
        for (var i = 0; i < open.Count; i++)
        {
            var a = open[i].Officer;
            var b = officers.First(o => o.Id != a).Id;
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO concierge_assignments (id, project_id, a_user_id, b_user_id, started_at, assigned_by) VALUES (@cid, @pid, @a, @b, @now, @a)
                """, new { cid = Guid.NewGuid(), pid = open[i].Id, a, b = i == 0 ? (Guid?)null : b, now }, tx, cancellationToken: ct));
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO project_issues (id, project_id, description, owner_id, due_date, created_by, created_at) VALUES (@iid, @pid, @d, @a, @due, @a, @now)
                """, new { iid = Guid.NewGuid(), pid = open[i].Id, d = i % 2 == 0 ? "施工用电 10kV 线路接入待电力公司确认" : "环评批复待市生态环境局审查", a, due = today.AddDays(i % 3 == 0 ? -5 : 12), now },
                tx, cancellationToken: ct));
        }

        // Visits (some firms visited by both divisions — the duplicate-visit panel shows it) with demands.
        for (var i = 0; i < 30; i++)
        {
            var investor = investors[i % investors.Count];
            var visitor = officers[(i / 3) % 2];
            var vid = Guid.NewGuid();
            var on = today.AddDays(-random.Next(1, 90));
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO visits (id, unit_id, investor_id, visited_on, purpose, notes, created_by, created_at) VALUES (@vid, @unit, @inv, @on, @purpose, @notes, @by, @now);
                INSERT INTO visit_officers (visit_id, user_id) VALUES (@vid, @by);
                """, new { vid, unit = visitor.UnitId, inv = investor.Id, on, purpose = i % 2 == 0 ? "了解扩产计划" : "对接用地和用电需求", notes = "企业对海川营商环境评价较好，关注土地指标和人才公寓。", by = visitor.Id, now },
                tx, cancellationToken: ct));
            if (i % 3 == 0)
                await cn.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO demands (id, visit_id, description, owner_id, due_date) VALUES (@did, @vid, @d, @owner, @due)
                    """, new { did = Guid.NewGuid(), vid, d = "协调解决员工子女入学", owner = visitor.Id, due = on.AddDays(20) }, tx, cancellationToken: ct));
        }

        // Trips: one report overdue, one due soon, one submitted.
        (string Dest, DateOnly Back, string? Report)[] tripSpecs =
            [("深圳", today.AddDays(-30), null), ("上海", today.AddDays(-4), null), ("北京", today.AddDays(-60), "走访企业 6 家，2 家有明确投资意向。")];
        var workingDays = await calendar.GetAsync(ct);
        foreach (var (dest, back, report) in tripSpecs)
        {
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO trips (id, unit_id, destination, departed_on, returned_on, leader_name, chain, firms_visited, report_due, report, report_submitted_at, created_by, created_at)
                VALUES (@id, @unit, @dest, @dep, @back, '周海涛', '新能源汽车', '走访宁德、比亚迪供应链企业', @due, @report, @submitted, @by, @now)
                """, new { id = Guid.NewGuid(), unit = officers[0].UnitId, dest, dep = back.AddDays(-3), back, due = TripRules.ReportDue(workingDays, back), report,
                submitted = report is null ? (DateTimeOffset?)null : now, by = officers[0].Id, now }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
        log.LogInformation("Loaded demo CRM data: {Investors} investors, {Projects} projects", investors.Count, projects.Count);
        return true;
    }

    private static Task InsertStage(NpgsqlConnection cn, NpgsqlTransaction tx, Guid project, ProjectStage from, ProjectStage to, DateOnly on, Guid by,
        DateTimeOffset now, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO project_stage_changes (id, project_id, from_stage, to_stage, stage_date, note, created_by, created_at)
            VALUES (@id, @project, @from, @to, @on, @note, @by, @now)
            """, new { id = Guid.NewGuid(), project, from = from.ToString(), to = to.ToString(), on, note = "演示数据", by, now }, tx, cancellationToken: ct));

    /// <summary>A valid-looking fictional code: 91 + Haichuan's invented division code 370999 + 9 characters + the check character.</summary>
    private static string CreditCodeFor(int i)
    {
        var body = $"91370999MA{(i + 1) * 7919 % 10_000_000:D7}";
        return body + CreditCode.CheckCharacter(body);
    }
}
