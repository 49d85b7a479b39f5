using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Chains;
using Orleans;

namespace BizEnv.Invest.Application.Chains.Grain;

/// <summary>
/// An industry chain 产业链 as a live object, keyed by the chain's id: its graph (nodes, edges,
/// thresholds) and what decides each node's status are loaded once, when it wakes, and it alone
/// writes the chain's rows — the chain, its members and edges, its editors, the firms confirmed at
/// its nodes, its targets and its computed standing. Its calls run one at a time, so two editors
/// each adding half a loop queue here and the second is refused naming the loop it would close.
/// A firm, project or target that changes is news (<see cref="Hear"/>): only the nodes it concerns
/// are read again and the standing rewritten, so pages read the standing and never recompute it.
/// </summary>
public interface IChainGrain : IGrainWithGuidKey
{
    /// <summary>An admin opens the chain (this grain's key is its new id).</summary>
    Task<GrainReply> Create(ChainSettings settings, CommandContext context);

    /// <summary>An editor renames the chain or changes its thresholds (every node's status follows).</summary>
    Task<GrainReply> Revise(ChainSettings settings, CommandContext context);

    Task<GrainReply> SetEditors(ChainEditors editors, CommandContext context);

    /// <summary>A new node, or one another chain has (shared: its firms count in both); answers the node's id.</summary>
    Task<GrainReply> AddNode(NewChainNode node, CommandContext context);

    Task<GrainReply> UpdateNode(ChainNodeChange change, CommandContext context);

    Task<GrainReply> RemoveNode(Guid nodeId, CommandContext context);

    /// <summary>"From supplies to": refused, naming the loop, when it would make the chain cyclic.</summary>
    Task<GrainReply> AddEdge(ChainEdge edge, CommandContext context);

    Task<GrainReply> RemoveEdge(ChainEdge edge, CommandContext context);

    /// <summary>A firm confirmed as local at a node, or taken off it (a suggestion dismissed).</summary>
    Task<GrainReply> DecideFirm(NodeFirmDecision decision, CommandContext context);

    Task<GrainReply> AddTarget(NewChainTarget target, CommandContext context);

    Task<GrainReply> ChangeTargetStatus(TargetStatusChange change, CommandContext context);

    Task<GrainReply> LinkTargetInvestor(TargetInvestorLink link, CommandContext context);

    Task<GrainReply> LinkTargetProject(TargetProjectLink link, CommandContext context);

    /// <summary>
    /// News that a firm, project or shared node changed after its own commit: the nodes of this chain
    /// it concerns (those named, and those whose status counted the firm or project so far) are read
    /// again and the standing rewritten when it moved. Nothing concerning this chain: nothing is read.
    /// </summary>
    Task Hear(PresenceNews news);

    /// <summary>Reads the whole chain again and writes its standing for today (a page found none, or one of an earlier day).</summary>
    Task BringUpToDate();
}

/// <summary>A chain's own fields; <see cref="Version"/> is the one the editor read (ignored when creating).</summary>
[GenerateSerializer, Immutable, Alias("BizEnv.Invest.ChainSettings")]
public sealed record ChainSettings(
    [property: Id(0)] string Name, [property: Id(1)] string? Description, [property: Id(2)] int StrongMinFirms, [property: Id(3)] int WeakMinFirms,
    [property: Id(4)] decimal? StrongMinInvestment, [property: Id(5)] int Version, [property: Id(6)] Guid UserId)
{
    public ChainThresholds Thresholds => new(StrongMinFirms, WeakMinFirms, StrongMinInvestment);
}

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.ChainEditors")]
public sealed record ChainEditors([property: Id(0)] Guid[] UserIds, [property: Id(1)] Guid UserId);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.NewChainNode")]
public sealed record NewChainNode(
    [property: Id(0)] Guid? ExistingNodeId, [property: Id(1)] string? Name, [property: Id(2)] string? Description, [property: Id(3)] string[] IndustryCodes,
    [property: Id(4)] ChainSegment Segment, [property: Id(5)] bool IsExtension, [property: Id(6)] Guid UserId);

/// <summary>A node's own fields (shared by every chain that has it) and its place in this chain; <see cref="Version"/> is the node's.</summary>
[GenerateSerializer, Immutable, Alias("BizEnv.Invest.ChainNodeChange")]
public sealed record ChainNodeChange(
    [property: Id(0)] Guid NodeId, [property: Id(1)] string Name, [property: Id(2)] string? Description, [property: Id(3)] string[] IndustryCodes,
    [property: Id(4)] ChainSegment Segment, [property: Id(5)] bool IsExtension, [property: Id(6)] int Version);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.ChainEdge")]
public sealed record ChainEdge([property: Id(0)] Guid From, [property: Id(1)] Guid To, [property: Id(2)] Guid UserId);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.NodeFirmDecision")]
public sealed record NodeFirmDecision([property: Id(0)] Guid NodeId, [property: Id(1)] Guid InvestorId, [property: Id(2)] bool Confirm, [property: Id(3)] Guid UserId);

/// <summary>A target as entered; <see cref="OwnerId"/> is already settled by the caller (the officer entering it, unless named).</summary>
[GenerateSerializer, Immutable, Alias("BizEnv.Invest.NewChainTarget")]
public sealed record NewChainTarget(
    [property: Id(0)] Guid Id, [property: Id(1)] Guid NodeId, [property: Id(2)] Guid? InvestorId, [property: Id(3)] string? ProspectName,
    [property: Id(4)] string? ProspectRegion, [property: Id(5)] bool IsFortune500, [property: Id(6)] bool IsChina500, [property: Id(7)] string Reason,
    [property: Id(8)] Guid? OwnerId, [property: Id(9)] Guid UnitId, [property: Id(10)] Guid UserId);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.TargetStatusChange")]
public sealed record TargetStatusChange([property: Id(0)] Guid TargetId, [property: Id(1)] ChainTargetStatus To, [property: Id(2)] string? Reason, [property: Id(3)] int Version);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.TargetInvestorLink")]
public sealed record TargetInvestorLink([property: Id(0)] Guid TargetId, [property: Id(1)] Guid InvestorId, [property: Id(2)] int Version);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.TargetProjectLink")]
public sealed record TargetProjectLink([property: Id(0)] Guid TargetId, [property: Id(1)] Guid ProjectId);

/// <summary>What changed elsewhere: nodes it touches now, and the firm or project (whose former nodes the chain itself remembers).</summary>
[GenerateSerializer, Immutable, Alias("BizEnv.Invest.PresenceNews")]
public sealed record PresenceNews([property: Id(0)] Guid[] NodeIds, [property: Id(1)] Guid? InvestorId, [property: Id(2)] Guid? ProjectId);
