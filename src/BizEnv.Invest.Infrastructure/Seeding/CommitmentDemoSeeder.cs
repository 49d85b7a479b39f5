using BizEnv.Invest.Application.Commitments.Promises;
using BizEnv.Invest.Application.Commitments;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BizEnv.Invest.Infrastructure.Seeding;

/// <summary>
/// Demo promises so that ./run.sh shows the ledger at work: some due in the past (their grains lapse
/// them within seconds of start-up and the integrity office gets breach alerts), one due today, some
/// next week and next year, a few made before 2018 (they join the remediation list), one held for
/// approval; plus authority limits for the two promotion divisions. Every promise is recorded through
/// the ledger writer, so the chain verifies. Loaded once ("demo:commitments").
/// </summary>
public sealed class CommitmentDemoSeeder(NpgsqlDataSource dataSource, LedgerWriter ledger, TimeProvider clock, ILogger<CommitmentDemoSeeder> log)
{
    public const string Marker = "demo:commitments";

    private static readonly (CommitmentKind Kind, string Clause, decimal? Value, int MadeDaysAgo, int DueInDays, bool Pending)[] Specs =
    [
        (CommitmentKind.Subsidy, "项目投产后给予设备投资额 10% 的补助", 12_000_000m, 400, -30, false),
        (CommitmentKind.TaxRebate, "前三年地方留成税收全额奖励", 8_000_000m, 700, -3, false),
        (CommitmentKind.Infrastructure, "项目红线外 10kV 双回路供电接入到位", null, 200, -1, false),
        (CommitmentKind.ApprovalSpeed, "施工许可 5 个工作日内办结", null, 60, 0, false),
        (CommitmentKind.TalentHousing, "提供 50 套人才公寓", null, 90, 6, false),
        (CommitmentKind.Financing, "协调银行授信 2 亿元", 200_000_000m, 30, 9, false),
        (CommitmentKind.Subsidy, "首台套装备奖励", 3_000_000m, 20, 365, false),
        (CommitmentKind.Other, "协调解决员工子女入学", null, 10, 400, false),
        (CommitmentKind.Subsidy, "研发中心建设补助 5,000 万元", 50_000_000m, 5, 200, true),
        (CommitmentKind.TaxRebate, "2016 年签约时承诺的税收奖励", 5_000_000m, 3650, -900, false),
        (CommitmentKind.Infrastructure, "2017 年承诺的道路配套", null, 3300, -700, false),
    ];

    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        await using var cn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await cn.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        if (!await SeedRuns.ClaimAsync(cn, tx, Marker, now, ct))
            return false;
        await SeedFairCompetitionAsync(cn, tx, now, ct);
        var projects = (await cn.QueryAsync<(Guid Id, Guid Investor, Guid Unit, Guid By, string By2, string UserName)>(new CommandDefinition("""
            SELECT p.id, p.investor_id, p.unit_id, p.created_by, u.display_name, u.user_name FROM projects p JOIN users u ON u.id = p.created_by
            WHERE p.stage IN ('Signed', 'Registered', 'Started') ORDER BY p.number LIMIT 11
            """, transaction: tx, cancellationToken: ct))).ToList();
        if (projects.Count == 0)
            return false;
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO authority_limits (id, unit_id, role, kind, max_value, updated_at)
            SELECT gen_random_uuid(), u.id, 'PromotionOfficer', k.kind, k.max, @now
            FROM units u, (VALUES ('Land', NULL::numeric), ('Subsidy', 20000000), ('TaxRebate', 10000000), ('Infrastructure', NULL), ('ApprovalSpeed', NULL),
                                  ('TalentHousing', NULL), ('Financing', 300000000), ('Other', NULL)) AS k(kind, max)
            WHERE u.code IN ('HCZS1', 'HCZS2') ON CONFLICT DO NOTHING
            """, new { now }, tx, cancellationToken: ct));
        var today = clock.Today();
        var ids = new List<Guid>();
        for (var i = 0; i < Specs.Length; i++)
        {
            var s = Specs[i];
            var p = projects[i % projects.Count];
            var id = Guid.NewGuid();
            ids.Add(id);
            var made = today.AddDays(-s.MadeDaysAgo);
            var due = today.AddDays(s.DueInDays);
            var status = s.Pending ? CommitmentStatus.PendingApproval : CommitmentStatus.Open;
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO commitments (id, project_id, investor_id, unit_id, kind, clause, value_cny, made_on, due_date, lapse_at, promiser_id, owner_id, promiser_name,
                                         policy_title, policy_number, contract_ref, status, pending_reason, created_at, updated_at)
                VALUES (@id, @project, @investor, @unit, @kind, @Clause, @Value, @made, @due, @lapse, @by, @by, @byName, '海川市招商引资优惠政策', '海政发〔2024〕12号',
                        @contract, @status, @pending, @now, @now)
                """, new
            {
                id, project = p.Id, investor = p.Investor, unit = p.Unit, kind = s.Kind.ToString(), s.Clause, s.Value, made, due,
                lapse = CommitmentDeadlines.LapseInstant(due), by = p.By, byName = p.By2, contract = $"HT-{made.Year}-{i + 1:D3}", status = status.ToString(),
                pending = s.Pending ? Coded.Text("authority.value_exceeds", s.Kind, s.Value, 20_000_000m) : null, now,
            }, tx, cancellationToken: ct));
            var state = await CommitmentLoad.Read(cn, tx, id, ct);
            await ledger.AppendAsync(cn, tx, id, "Recorded", p.UserName, now, "演示数据", state, ct);
            if (s.Pending)
                await FlagAsync(cn, tx, id, s.Kind, s.Clause, p.UserName, now, ct);
        }
        // Loaded before the silo runs: the promises' grains take them over from the re-arming queue.
        await DeadlineRearm.QueueAsync(cn, tx, ids, now, ct);
        await tx.CommitAsync(ct);
        log.LogInformation("Loaded {Count} demo promises", Specs.Length);
        return true;
    }

    // The fair-competition review 公平竞争审查: rules after the Regulation's article 10 (in force 2024-08-01), reviewed by the legal office 法规处.
    private static readonly (string Name, CommitmentKind[] Kinds, string[] Keywords, string Basis)[] FairRules =
    [
        ("特定经营者税收优惠", [CommitmentKind.TaxRebate], ["减免", "返还", "奖励", "留成"],
            "《公平竞争审查条例》（2024年8月1日起施行）第十条第（一）项：不得给予特定经营者税收优惠"),
        ("选择性财政奖励或补助", [CommitmentKind.Subsidy, CommitmentKind.Financing], ["奖励", "补助", "贴息"],
            "《公平竞争审查条例》第十条第（二）项：不得给予特定经营者选择性、差异化的财政奖励或者补贴"),
        ("土地出让价格优惠", [CommitmentKind.Land], ["地价", "优惠", "返还", "减免"],
            "《公平竞争审查条例》第十条第（三）项：不得给予特定经营者要素获取等方面的优惠"),
        ("行政事业性收费减免", [CommitmentKind.Other, CommitmentKind.Infrastructure], ["减免", "免收", "免缴"],
            "《公平竞争审查条例》第十条第（三）项：不得给予特定经营者行政事业性收费、政府性基金等方面的优惠"),
    ];

    private static async Task SeedFairCompetitionAsync(NpgsqlConnection cn, NpgsqlTransaction tx, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var r in FairRules)
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO fair_competition_rules (id, name, kinds, keywords, legal_basis, active, created_at, updated_at)
                VALUES (gen_random_uuid(), @Name, @kinds, @Keywords, @Basis, true, @now, @now) ON CONFLICT (name) DO NOTHING
                """, new { r.Name, kinds = r.Kinds.Select(k => k.ToString()).ToArray(), r.Keywords, r.Basis, now }, tx, cancellationToken: ct));
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO fair_competition_settings (only_row, reviewing_unit_id, updated_at) SELECT true, id, @now FROM units WHERE code = 'HCFG'
            ON CONFLICT (only_row) DO NOTHING
            """, new { now }, tx, cancellationToken: ct));
    }

    /// <summary>The demo's promise held for approval matches a rule too: it waits for the legal office's opinion as well as the leader's.</summary>
    private async Task FlagAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, CommitmentKind kind, string clause, string actor, DateTimeOffset now,
        CancellationToken ct)
    {
        var rules = FairRules.Select(r => new FairCompetitionRule(Guid.Empty, r.Name, r.Kinds, r.Keywords, r.Basis)).ToList();
        var ids = (await cn.QueryAsync<(Guid Id, string Name)>(new CommandDefinition("SELECT id, name FROM fair_competition_rules", transaction: tx,
            cancellationToken: ct))).ToDictionary(x => x.Name, x => x.Id);
        var matched = FairCompetitionReview.Matching(rules, kind, clause).Select(m => m with { RuleId = ids.GetValueOrDefault(m.Name) }).ToList();
        if (matched.Count == 0)
            return;
        await cn.ExecuteAsync(new CommandDefinition("UPDATE commitments SET fair_review = 'Pending', fair_review_rules = @rules::jsonb WHERE id = @id",
            new { id, rules = System.Text.Json.JsonSerializer.Serialize(matched, LedgerWriter.StateJson) }, tx, cancellationToken: ct));
        var state = await CommitmentLoad.Read(cn, tx, id, ct);
        await ledger.AppendAsync(cn, tx, id, Promise.FairReviewRequested, actor, now, string.Join("、", matched.Select(m => m.Name)),
            new { Commitment = state, Rules = matched }, ct);
    }
}
