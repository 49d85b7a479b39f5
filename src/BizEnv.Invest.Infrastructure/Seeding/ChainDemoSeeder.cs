using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BizEnv.Invest.Infrastructure.Seeding;

/// <summary>
/// Three industry chains of 海川市 — 新能源汽车, 高端装备制造, 生物医药 — of 14–18 nodes each, three nodes
/// shared between chains, edges checked by the same acyclicity rule the editors meet. The demo firms
/// (CRM demo) with a signed project are confirmed as local at the nodes their industry code falls
/// under, from their signing day; the other matches wait as suggestions. Missing and weak nodes have
/// targets: prospects and registered firms, one visited, and one whose signed project has closed the
/// 驱动电机 gap. Loaded once ("demo:chains"), after the CRM and zone demos.
/// </summary>
public sealed class ChainDemoSeeder(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<ChainDemoSeeder> log)
{
    public const string Marker = "demo:chains";

    private sealed record NodeSeed(string Name, ChainSegment Segment, string[] Codes, bool Extension = false, string? Description = null);

    private sealed record ChainSeed(string Name, string Description, ChainThresholds Thresholds, NodeSeed[] Nodes, (string From, string To)[] Edges);

    private sealed record TargetSeed(string Chain, string Node, string? Prospect, string? Region, bool Fortune500, bool China500, string Reason, ChainTargetStatus Status);

    private static readonly NodeSeed Chip = new("集成电路芯片", ChainSegment.Upstream, ["C3973"], Description: "车规级 MCU、功率半导体与工业控制芯片。");
    private static readonly NodeSeed Software = new("工业及车载软件", ChainSegment.Upstream, ["I6513"], Description: "工业软件、车载操作系统与智能驾驶算法。");
    private static readonly NodeSeed MedicalDevices = new("高端医疗装备", ChainSegment.Midstream, ["C3581"], Description: "医学影像、监护与治疗设备。");

    private static readonly ChainSeed[] Chains =
    [
        new("新能源汽车", "从锂资源、电池材料到电芯、电驱、整车与回收的完整链条，海川经开区为主要承载地。", new ChainThresholds(3, 1, null),
        [
            new("锂资源开发", ChainSegment.Upstream, ["B0939"]),
            new("正极材料", ChainSegment.Upstream, ["C2613"], Description: "磷酸铁锂、三元正极材料。"),
            new("负极材料", ChainSegment.Upstream, ["C3091"]),
            new("锂电隔膜", ChainSegment.Upstream, ["C2921"]),
            new("电解液", ChainSegment.Upstream, ["C2669"]),
            Chip,
            Software,
            new("动力电芯", ChainSegment.Midstream, ["C3841"]),
            new("电池模组与PACK", ChainSegment.Midstream, ["C3849"]),
            new("电池管理系统", ChainSegment.Midstream, ["C3982"]),
            new("驱动电机", ChainSegment.Midstream, ["C3812"]),
            new("电机控制器", ChainSegment.Midstream, ["C3824"]),
            new("汽车零部件", ChainSegment.Midstream, ["C3670"]),
            new("智能车载设备", ChainSegment.Midstream, ["C3962"]),
            new("新能源整车", ChainSegment.Downstream, ["C3612"]),
            new("充换电设施", ChainSegment.Downstream, ["C3829"]),
            new("汽车销售与后市场", ChainSegment.Downstream, ["F5261", "O8111"]),
            new("动力电池回收", ChainSegment.Downstream, ["C4210"], Extension: true, Description: "梯次利用与再生利用，延伸产业链。"),
        ],
        [
            ("锂资源开发", "正极材料"), ("锂资源开发", "电解液"), ("正极材料", "动力电芯"), ("负极材料", "动力电芯"), ("锂电隔膜", "动力电芯"),
            ("电解液", "动力电芯"), ("动力电芯", "电池模组与PACK"), ("电池管理系统", "电池模组与PACK"), ("集成电路芯片", "电池管理系统"),
            ("集成电路芯片", "电机控制器"), ("集成电路芯片", "智能车载设备"), ("工业及车载软件", "智能车载设备"), ("电池模组与PACK", "新能源整车"),
            ("驱动电机", "新能源整车"), ("电机控制器", "新能源整车"), ("汽车零部件", "新能源整车"), ("智能车载设备", "新能源整车"),
            ("电池模组与PACK", "充换电设施"), ("新能源整车", "汽车销售与后市场"), ("新能源整车", "动力电池回收"),
        ]),
        new("高端装备制造", "工业母机、机器人、半导体与光伏装备，东湖县装备制造园和高新区联动承载。", new ChainThresholds(4, 1, null),
        [
            new("特种钢材", ChainSegment.Upstream, ["C3130"]),
            new("高端轴承", ChainSegment.Upstream, ["C3451"]),
            new("液压元件", ChainSegment.Upstream, ["C3444"]),
            new("伺服电机", ChainSegment.Upstream, ["C3819"]),
            new("电子专用材料", ChainSegment.Upstream, ["C3985"]),
            Software,
            Chip with { Segment = ChainSegment.Midstream },
            new("数控系统", ChainSegment.Midstream, ["C4011"]),
            new("工业机器人", ChainSegment.Midstream, ["C3491"]),
            new("数控机床", ChainSegment.Midstream, ["C3421"]),
            new("半导体装备", ChainSegment.Midstream, ["C3562"]),
            new("光伏装备", ChainSegment.Midstream, ["C3825"]),
            new("增材制造装备", ChainSegment.Midstream, ["C3493"]),
            MedicalDevices,
            new("商业航天装备", ChainSegment.Midstream, ["C3743"], Extension: true, Description: "卫星与运载配套，延伸高端装备链。"),
            new("智能制造系统集成", ChainSegment.Downstream, ["I6531"]),
            new("检验检测服务", ChainSegment.Downstream, ["M7452"]),
            new("装备维修与运维", ChainSegment.Downstream, ["C4330"]),
        ],
        [
            ("特种钢材", "高端轴承"), ("特种钢材", "数控机床"), ("特种钢材", "商业航天装备"), ("高端轴承", "工业机器人"), ("高端轴承", "数控机床"),
            ("液压元件", "数控机床"), ("伺服电机", "工业机器人"), ("伺服电机", "数控机床"), ("电子专用材料", "集成电路芯片"),
            ("半导体装备", "集成电路芯片"), ("集成电路芯片", "数控系统"), ("集成电路芯片", "高端医疗装备"), ("工业及车载软件", "数控系统"),
            ("数控系统", "数控机床"), ("数控系统", "工业机器人"), ("增材制造装备", "商业航天装备"), ("工业及车载软件", "智能制造系统集成"),
            ("工业机器人", "智能制造系统集成"), ("数控机床", "智能制造系统集成"), ("增材制造装备", "智能制造系统集成"),
            ("高端医疗装备", "检验检测服务"), ("光伏装备", "装备维修与运维"), ("半导体装备", "装备维修与运维"),
        ]),
        new("生物医药", "创新药、生物制品与医疗器械，依托高新区生物医药创新港。", new ChainThresholds(3, 1, 500_000_000m),
        [
            new("化学原料药", ChainSegment.Upstream, ["C2710"]),
            new("药用辅料与包材", ChainSegment.Upstream, ["C2780"]),
            new("科研试剂", ChainSegment.Upstream, ["C2661"]),
            new("制药装备", ChainSegment.Upstream, ["C3544"]),
            new("研发外包服务", ChainSegment.Upstream, ["M7340"], Description: "CRO：临床前与临床研究服务。"),
            new("化学药制剂", ChainSegment.Midstream, ["C2720"]),
            new("中药与中成药", ChainSegment.Midstream, ["C2730", "C2740"]),
            new("生物药品", ChainSegment.Midstream, ["C2761"]),
            new("疫苗", ChainSegment.Midstream, ["C2762"]),
            new("细胞与基因治疗", ChainSegment.Midstream, ["C2762"], Extension: true, Description: "CAR-T 等前沿疗法，延伸生物医药链。"),
            new("医用耗材与诊断试剂", ChainSegment.Midstream, ["C2770", "C3584"]),
            MedicalDevices,
            new("医药流通", ChainSegment.Downstream, ["F5151"]),
            new("医疗服务", ChainSegment.Downstream, ["Q8411"]),
        ],
        [
            ("化学原料药", "化学药制剂"), ("药用辅料与包材", "化学药制剂"), ("药用辅料与包材", "生物药品"), ("科研试剂", "研发外包服务"),
            ("科研试剂", "生物药品"), ("制药装备", "化学药制剂"), ("制药装备", "生物药品"), ("制药装备", "疫苗"), ("研发外包服务", "化学药制剂"),
            ("研发外包服务", "生物药品"), ("研发外包服务", "细胞与基因治疗"), ("化学药制剂", "医药流通"), ("中药与中成药", "医药流通"),
            ("生物药品", "医药流通"), ("疫苗", "医药流通"), ("医用耗材与诊断试剂", "医疗服务"), ("高端医疗装备", "医疗服务"),
            ("医药流通", "医疗服务"), ("细胞与基因治疗", "医疗服务"),
        ]),
    ];

    private static readonly TargetSeed[] Prospects =
    [
        new("新能源汽车", "锂电隔膜", "常州恒隔新材料科技股份有限公司", "江苏常州", false, true, "湿法隔膜出货量国内前三，正在长三角以外布局第二基地，可补齐本地隔膜缺口。", ChainTargetStatus.Identified),
        new("新能源汽车", "新能源整车", "莱茵汽车集团（中国）投资有限公司", "德国 / 上海", true, false, "世界 500 强整车企业，计划新建纯电平台工厂，可带动电驱、电池与零部件配套。", ChainTargetStatus.Contacted),
        new("新能源汽车", "动力电池回收", "荆楚格循再生资源科技有限公司", "湖北荆门", false, false, "退役电池梯次利用与再生利用龙头，可延伸本地电池产业链。", ChainTargetStatus.Identified),
        new("高端装备制造", "工业机器人", "北辰智能机器人股份有限公司", "辽宁沈阳", false, true, "国产工业机器人头部企业，拟在华东设立区域制造中心。", ChainTargetStatus.Identified),
        new("高端装备制造", "数控系统", "华数精工数控系统有限公司", "湖北武汉", false, false, "高档数控系统国产化代表，可与本地机床、机器人企业形成配套。", ChainTargetStatus.Identified),
        new("高端装备制造", "高端轴承", "洛岭精密轴承集团有限公司", "河南洛阳", false, true, "机器人精密减速器轴承与机床主轴轴承产能充足，有意就近配套。", ChainTargetStatus.Contacted),
        new("生物医药", "研发外包服务", "康研医药研发服务有限公司", "上海", false, false, "临床前 CRO，可为本地生物药企业提供就近研发服务。", ChainTargetStatus.Identified),
        new("生物医药", "疫苗", "智安生物疫苗有限公司", "北京", false, false, "mRNA 疫苗平台企业，寻找华东产业化基地。", ChainTargetStatus.Identified),
        new("生物医药", "医药流通", "国瑞医药集团有限公司", "北京", true, true, "全国医药流通龙头，区域物流中心可服务本地药企与医院。", ChainTargetStatus.Contacted),
    ];

    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        await using var cn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await cn.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        if (!await SeedRuns.ClaimAsync(cn, tx, Marker, now, ct))
            return false;
        var admin = await cn.ExecuteScalarAsync<Guid?>(new CommandDefinition("SELECT id FROM users WHERE user_name = 'admin'", transaction: tx, cancellationToken: ct));
        var officer = await cn.QuerySingleOrDefaultAsync<(Guid Id, Guid Unit)?>(new CommandDefinition(
            "SELECT id, unit_id FROM users WHERE user_name = 'officer'", transaction: tx, cancellationToken: ct));
        // Without the demo accounts and the CRM demo there is nothing to map: leave it (the marker rolls back with the transaction).
        if (admin is not { } by || officer is not { } me
            || !await cn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM investors)", transaction: tx, cancellationToken: ct)))
            return false;
        var today = clock.Today();

        var nodeIds = new Dictionary<string, Guid>();
        var chainIds = new Dictionary<string, Guid>();
        var memberOf = new Dictionary<string, Dictionary<string, Guid>>();
        foreach (var chain in Chains)
        {
            var chainId = Guid.NewGuid();
            chainIds[chain.Name] = chainId;
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO chains (id, name, description, strong_min_firms, weak_min_firms, strong_min_investment, created_by, created_at, updated_at)
                VALUES (@chainId, @Name, @Description, @strong, @weak, @investment, @by, @now, @now)
                """, new { chainId, chain.Name, chain.Description, strong = chain.Thresholds.StrongMinFirms, weak = chain.Thresholds.WeakMinFirms,
                investment = chain.Thresholds.StrongMinInvestment, by, now }, tx, cancellationToken: ct));
            foreach (var node in chain.Nodes)
            {
                if (!nodeIds.TryGetValue(node.Name, out var nodeId))
                {
                    nodeIds[node.Name] = nodeId = Guid.NewGuid();
                    await cn.ExecuteAsync(new CommandDefinition("""
                        INSERT INTO chain_nodes (id, name, description, created_at, updated_at) VALUES (@nodeId, @Name, @Description, @now, @now);
                        INSERT INTO chain_node_industries (node_id, industry_code) SELECT @nodeId, c FROM unnest(@Codes) AS c;
                        """, new { nodeId, node.Name, node.Description, node.Codes, now }, tx, cancellationToken: ct));
                }
                await cn.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO chain_members (chain_id, node_id, segment, is_extension, added_by, added_at) VALUES (@chainId, @nodeId, @segment, @Extension, @by, @now)
                    """, new { chainId, nodeId, segment = node.Segment.ToString(), node.Extension, by, now }, tx, cancellationToken: ct));
            }
            // The demo edges meet the rule the editors meet: a loop here would stop the seeding, not slip in.
            var members = chain.Nodes.ToDictionary(n => n.Name, n => nodeIds[n.Name]);
            memberOf[chain.Name] = members;
            var graph = new List<(Guid From, Guid To)>();
            foreach (var (from, to) in chain.Edges)
            {
                new SupplyGraph(members.ToDictionary(m => m.Value, m => m.Key), graph).EnsureCanAdd(members[from], members[to]);
                graph.Add((members[from], members[to]));
            }
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO chain_edges (chain_id, from_node, to_node, added_by, added_at) VALUES (@chainId, @From, @To, @by, @now)
                """, graph.Select(e => new { chainId, e.From, e.To, by, now }), tx, cancellationToken: ct));
        }
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO chain_editors (chain_id, user_id, granted_by, granted_at) VALUES (@chain, @officer, @by, @now)
            """, new { chain = chainIds["新能源汽车"], officer = me.Id, by, now }, tx, cancellationToken: ct));

        // Firms with a signed project are local at the (non-extension) nodes their code falls under: those already
        // building or producing were mapped when the chains were drawn up (over a year ago), the others from the day they signed.
        var nodes = Chains.SelectMany(c => c.Nodes).Where(n => !n.Extension).Select(n => nodeIds[n.Name]).Distinct().ToArray();
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO chain_node_firms (id, node_id, investor_id, status, confirmed_on, decided_by, decided_at)
            SELECT gen_random_uuid(), ni.node_id, i.id, 'Confirmed',
                   CASE WHEN bool_or(p.stage IN ('Started', 'InProduction')) THEN @mapped
                        ELSE min(coalesce((SELECT min(c.stage_date) FROM project_stage_changes c WHERE c.project_id = p.id AND c.to_stage = 'Signed'), p.stage_date)) END,
                   @by, @now
              FROM chain_node_industries ni
              JOIN investors i ON i.industry_code LIKE ni.industry_code || '%'
              JOIN projects p ON p.investor_id = i.id AND p.stage IN ('Signed', 'Registered', 'Started', 'InProduction')
             WHERE ni.node_id = ANY(@nodes)
             GROUP BY ni.node_id, i.id
            """, new { nodes, mapped = today.AddDays(-400), by, now }, tx, cancellationToken: ct));

        foreach (var t in Prospects)
            await InsertTarget(cn, tx, Chains.Single(c => c.Name == t.Chain).Thresholds, chainIds[t.Chain], memberOf[t.Chain][t.Node], null, t, me, now.AddDays(-30), ct);

        // A registered firm targeted for 正极材料, visited once; and a parts maker whose 驱动电机 project is signed — that gap is closed.
        var cathode = await FirmWithoutSignedProject(cn, tx, "C3985", ct);
        var motor = await FirmWithoutSignedProject(cn, tx, "C3670", ct);
        var nev = Chains[0];
        var cathodeTarget = await InsertTarget(cn, tx, nev.Thresholds, chainIds[nev.Name], nodeIds["正极材料"], cathode.Id,
            new TargetSeed("", "", null, null, false, false, "电子材料企业正在向磷酸铁锂正极延伸，技术团队已具备量产经验，可补齐本地正极材料缺口。",
                ChainTargetStatus.Contacted), (me.Id, cathode.Unit), now.AddDays(-40), ct);
        await InsertVisit(cn, tx, cathode, cathodeTarget, today.AddDays(-12), "对接正极材料项目选址与用电需求", now, ct);
        var motorTarget = await InsertTarget(cn, tx, nev.Thresholds, chainIds[nev.Name], nodeIds["驱动电机"], motor.Id,
            new TargetSeed("", "", null, null, false, false, "汽车零部件配套企业，拟新建扁线驱动电机产线，可补齐本地电驱缺口。", ChainTargetStatus.Negotiating),
            (me.Id, motor.Unit), now.AddDays(-75), ct);
        await InsertVisit(cn, tx, motor, motorTarget, today.AddDays(-60), "洽谈驱动电机产线落地海川", now, ct);
        await InsertSignedProject(cn, tx, motor, motorTarget, nodeIds["驱动电机"], today, now, ct);

        await tx.CommitAsync(ct);
        log.LogInformation("Loaded demo chains: {Chains} chains, {Nodes} nodes", Chains.Length, nodeIds.Count);
        return true;
    }

    private sealed record Firm(Guid Id, string Name, Guid Unit, Guid Officer);

    private static async Task<Firm> FirmWithoutSignedProject(NpgsqlConnection cn, NpgsqlTransaction tx, string code, CancellationToken ct) =>
        await cn.QueryFirstAsync<Firm>(new CommandDefinition("""
            SELECT i.id AS Id, i.name AS Name, i.unit_id AS Unit, coalesce(o.user_id, i.created_by) AS Officer
              FROM investors i LEFT JOIN LATERAL (SELECT user_id FROM investor_officers WHERE investor_id = i.id LIMIT 1) o ON true
             WHERE i.industry_code = @code
               AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.investor_id = i.id AND p.stage IN ('Signed', 'Registered', 'Started', 'InProduction'))
             ORDER BY i.name
            """, new { code }, tx, cancellationToken: ct));

    private static async Task<Guid> InsertTarget(NpgsqlConnection cn, NpgsqlTransaction tx, ChainThresholds thresholds, Guid chainId, Guid nodeId, Guid? investorId,
        TargetSeed t, (Guid Id, Guid Unit) owner, DateTimeOffset at, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        var (extension, firms) = await cn.QuerySingleAsync<(bool, int)>(new CommandDefinition("""
            SELECT is_extension, (SELECT count(*) FROM chain_node_firms f WHERE f.node_id = @nodeId AND f.status = 'Confirmed')::int
              FROM chain_members WHERE chain_id = @chainId AND node_id = @nodeId
            """, new { chainId, nodeId }, tx, cancellationToken: ct));
        // The label follows the node as it is when the target is entered (missing or not is all it depends on).
        var label = ChainTargetRules.LabelFor(thresholds.StatusOf(firms, 0), extension);
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO chain_targets (id, chain_id, node_id, investor_id, prospect_name, prospect_region, is_fortune500, is_china500, reason, label, status,
                                       unit_id, owner_id, created_by, created_at, updated_at)
            VALUES (@id, @chainId, @nodeId, @investorId, @Prospect, @Region, @Fortune500, @China500, @Reason, @label, @status, @unit, @owner, @owner, @at, @at)
            """, new { id, chainId, nodeId, investorId, t.Prospect, t.Region, t.Fortune500, t.China500, t.Reason, label = label.ToString(), status = t.Status.ToString(),
            unit = owner.Unit, owner = owner.Id, at }, tx, cancellationToken: ct));
        return id;
    }

    private static Task InsertVisit(NpgsqlConnection cn, NpgsqlTransaction tx, Firm firm, Guid targetId, DateOnly on, string purpose, DateTimeOffset now, CancellationToken ct)
    {
        // Dapper's parameter names ignore case: the visit's id and the firm's must not both be "id".
        var visit = Guid.NewGuid();
        return cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO visits (id, unit_id, investor_id, visited_on, purpose, notes, created_by, created_at, chain_target_id)
            VALUES (@visit, @unit, @investor, @on, @purpose, '企业对海川的产业配套和要素保障评价积极。', @officer, @now, @targetId);
            INSERT INTO visit_officers (visit_id, user_id) VALUES (@visit, @officer);
            """, new { visit, unit = firm.Unit, investor = firm.Id, on, purpose, officer = firm.Officer, now, targetId }, tx, cancellationToken: ct));
    }

    /// <summary>The target's project, with its number from the unit's counter (as CreateProject takes it) and its stage history to signing.</summary>
    private static async Task InsertSignedProject(NpgsqlConnection cn, NpgsqlTransaction tx, Firm firm, Guid targetId, Guid nodeId, DateOnly today,
        DateTimeOffset now, CancellationToken ct)
    {
        var year = BeijingTime.ToBeijing(now).Year;
        var sequence = await cn.ExecuteScalarAsync<int>(new CommandDefinition("""
            INSERT INTO project_number_sequences (unit_code, year, last) VALUES ('HC', @year, 1)
            ON CONFLICT (unit_code, year) DO UPDATE SET last = project_number_sequences.last + 1 RETURNING last
            """, new { year }, tx, cancellationToken: ct));
        var project = Guid.NewGuid();
        var signed = today.AddDays(-20);
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO projects (id, number, unit_id, investor_id, name, chain_node_id, chain_target_id, planned_investment, registered_capital, jobs, key_level,
                                  stage, stage_date, created_by, created_at, updated_at)
            VALUES (@project, @number, @unit, @investor, @name, @nodeId, @targetId, 800000000, 200000000, 650, 'Municipal', 'Signed', @signed, @officer, @now, @now);
            INSERT INTO project_stage_changes (id, project_id, from_stage, to_stage, stage_date, note, created_by, created_at)
            VALUES (gen_random_uuid(), @project, 'Lead', 'Negotiating', @negotiating, '演示数据', @officer, @now),
                   (gen_random_uuid(), @project, 'Negotiating', 'Signed', @signed, '签订投资协议（演示数据）', @officer, @now);
            """, new
        {
            project, number = UnifiedNumber.Format("HC", year, sequence), unit = firm.Unit, investor = firm.Id, name = firm.Name.Replace("有限公司", "") + "扁线驱动电机项目",
            nodeId, targetId, signed, negotiating = today.AddDays(-50), officer = firm.Officer, now,
        }, tx, cancellationToken: ct));
    }
}
