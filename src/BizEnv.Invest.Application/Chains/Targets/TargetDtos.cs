using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Application.Chains.Targets;

/// <summary>A 招商目标: who (a registered firm or a prospect), for which node of which chain, why, and how far the path has come.</summary>
public sealed record ChainTargetSummary(
    Guid Id, Guid ChainId, string ChainName, Guid NodeId, string NodeName, Guid? InvestorId, string Name, string? Region, bool IsFortune500,
    bool IsChina500, string Reason, ChainTargetLabel Label, ChainTargetStatus Status, Guid UnitId, string UnitName, string? OwnerName, int Visits,
    DateOnly? LastVisitOn, int Projects, string? SignedProjectNumber, DateTimeOffset CreatedAt, int Version);

public sealed record TargetVisitDto(Guid Id, DateOnly VisitedOn, string UnitName, string Officers, string Purpose);

public sealed record TargetProjectDto(Guid Id, string Number, string Name, ProjectStage Stage, DateOnly StageDate, decimal PlannedInvestment, DateOnly? SignedOn);

/// <summary>
/// One target with its path: the visits logged against it, the projects linked to it (another unit's
/// are counted, not listed, for officers), and the node's status now — missing turns weak once a
/// project is signed.
/// </summary>
public sealed record ChainTargetDetail(
    ChainTargetSummary Target, string? DroppedReason, IReadOnlyList<TargetVisitDto> Visits, IReadOnlyList<TargetProjectDto> Projects,
    int OtherUnitsProjects, ChainNodeStatus NodeStatus, bool CanEdit);

internal sealed record TargetRow(
    Guid Id, Guid ChainId, string ChainName, Guid NodeId, string NodeName, Guid? InvestorId, string Name, string? Region, bool IsFortune500,
    bool IsChina500, string Reason, string Label, string Status, Guid UnitId, string UnitName, string? OwnerName, int Visits, DateOnly? LastVisitOn,
    int Projects, string? SignedProjectNumber, DateTimeOffset CreatedAt, int Version)
{
    /// <summary>A registered firm's own name, region and flags win over what was typed for the prospect.</summary>
    public const string Select = $"""
        SELECT t.id AS Id, t.chain_id AS ChainId, c.name AS ChainName, t.node_id AS NodeId, n.name AS NodeName, t.investor_id AS InvestorId,
               coalesce(i.name, t.prospect_name) AS Name, coalesce(i.home_region, t.prospect_region) AS Region,
               coalesce(i.is_fortune500, t.is_fortune500) AS IsFortune500, coalesce(i.is_china500, t.is_china500) AS IsChina500,
               t.reason AS Reason, t.label AS Label, t.status AS Status, t.unit_id AS UnitId, unit_name(u.name_zh, u.name_en) AS UnitName, ow.display_name AS OwnerName,
               (SELECT count(*) FROM visits v WHERE v.chain_target_id = t.id)::int AS Visits,
               (SELECT max(v.visited_on) FROM visits v WHERE v.chain_target_id = t.id) AS LastVisitOn,
               (SELECT count(*) FROM projects p WHERE p.chain_target_id = t.id)::int AS Projects,
               (SELECT min(p.number) FROM projects p WHERE p.chain_target_id = t.id AND {ChainSql.IsSigned}) AS SignedProjectNumber,
               t.created_at AS CreatedAt, t.version AS Version
          FROM chain_targets t
          JOIN chains c ON c.id = t.chain_id
          JOIN chain_nodes n ON n.id = t.node_id
          JOIN units u ON u.id = t.unit_id
          LEFT JOIN investors i ON i.id = t.investor_id
          LEFT JOIN users ow ON ow.id = t.owner_id
        """;

    public ChainTargetSummary ToDto() => new(Id, ChainId, ChainName, NodeId, NodeName, InvestorId, Name, Region, IsFortune500, IsChina500, Reason,
        Enum.Parse<ChainTargetLabel>(Label), ChainTargetRules.Effective(Enum.Parse<ChainTargetStatus>(Status), SignedProjectNumber is not null),
        UnitId, UnitName, OwnerName, Visits, LastVisitOn, Projects, SignedProjectNumber, CreatedAt, Version);

    public ChainTargetStatus StoredStatus => Enum.Parse<ChainTargetStatus>(Status);

    public bool HasSignedProject => SignedProjectNumber is not null;
}
