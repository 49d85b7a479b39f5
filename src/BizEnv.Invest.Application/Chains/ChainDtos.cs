using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Application.Chains;

/// <summary>A chain on the list: thresholds, completeness and what its targets have achieved.</summary>
public sealed record ChainSummary(
    Guid Id, string Name, string? Description, ChainThresholds Thresholds, ChainCompleteness Completeness, decimal LocalInvestment,
    int OpenTargets, int SignedTargets, int Version);

/// <summary>A node as a chain shows it: where it sits, what it has locally today and its status under this chain's thresholds.</summary>
public sealed record ChainNodeDto(
    Guid Id, string Name, string? Description, ChainSegment Segment, bool IsExtension, IReadOnlyList<string> IndustryCodes,
    ChainNodeStatus Status, int LocalFirms, decimal LocalInvestment, int Jobs, int OpenTargets, IReadOnlyList<string> OtherChains,
    int Column, double Row, int Version);

public sealed record ChainEdgeDto(Guid From, Guid To);

public sealed record EditorRef(Guid Id, string DisplayName, string UnitName);

/// <summary>A change to the chain, from the audit log: the action (request name), its object and who made it.</summary>
public sealed record ChainChange(DateTimeOffset At, string UserName, string Action, string? Detail);

/// <summary>The chain graph page: nodes laid out left to right (<see cref="ChainNodeDto.Column"/>, <see cref="ChainNodeDto.Row"/>), edges, editors and recent changes.</summary>
public sealed record ChainGraph(
    ChainSummary Chain, IReadOnlyList<ChainNodeDto> Nodes, IReadOnlyList<ChainEdgeDto> Edges, int Columns, int Rows, bool CanEdit,
    IReadOnlyList<EditorRef> Editors, IReadOnlyList<ChainChange> Changes);

/// <summary>A firm at a node: confirmed by a person, present through a signed project there, or suggested by its industry code.</summary>
public sealed record NodeFirmDto(Guid InvestorId, string Name, string? IndustryCode, string? IndustryName, string Source, DateOnly? Since, int SignedProjects);

public sealed record NodeProjectDto(Guid Id, string Number, string Name, string InvestorName, ProjectStage Stage, decimal PlannedInvestment, int? Jobs, bool Direct);

/// <summary>A zone whose park leads in one of the node's industries, with what it still has to offer.</summary>
public sealed record ZoneFitDto(Guid ZoneId, string ZoneName, string ParkName, IReadOnlyList<string> MatchingIndustries, decimal LandAvailableM2,
    decimal FactoryAvailableM2, decimal PowerAvailableKva);

/// <summary>
/// The side panel of a node: its firms (and suggestions for editors to confirm), the projects there
/// (those of other units counted, not listed, for officers), its targets, its neighbours and the zones that fit it.
/// </summary>
public sealed record ChainNodeDetail(
    Guid ChainId, ChainNodeDto Node, IReadOnlyList<NodeFirmDto> Firms, IReadOnlyList<NodeFirmDto> Suggestions, IReadOnlyList<NodeProjectDto> Projects,
    int OtherUnitsProjects, IReadOnlyList<Targets.ChainTargetSummary> Targets, IReadOnlyList<string> Suppliers, IReadOnlyList<string> Customers,
    IReadOnlyList<ZoneFitDto> Zones, bool CanEdit);

/// <summary>A node found by name, to share it into another chain.</summary>
public sealed record NodeBrief(Guid Id, string Name, IReadOnlyList<string> IndustryCodes, IReadOnlyList<string> Chains);
