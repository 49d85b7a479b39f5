using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Crm;
using Orleans;

namespace BizEnv.Invest.Application.Crm.Projects.Grain;

/// <summary>
/// A project as a live object, keyed by the project's id: the single writer of its rows (the project,
/// its stage changes and reviews, investment in place, issue list, evidence files and concierge
/// assignments). Its calls run one at a time, so two officers (on two nodes) changing one project
/// queue here and neither change is lost. Each command is one transaction with its audit row and
/// Idempotency-Key (<see cref="CommandJournal"/>); refusals come back as data.
/// </summary>
public interface IProjectGrain : IGrainWithGuidKey
{
    /// <summary>Creates the project under this grain's id with its unified number; a second create of the same id is refused.</summary>
    Task<GrainReply> Create(NewProject project, CommandContext context);

    Task<GrainReply> Edit(ProjectEdit edit, CommandContext context);

    Task<GrainReply> ChangeStage(StageMove move, CommandContext context);

    Task<GrainReply> ReviewStage(StageReview review, CommandContext context);

    Task<GrainReply> RecordInvestment(InvestmentEntry entry, CommandContext context);

    Task<GrainReply> AddIssue(NewIssue issue, CommandContext context);

    Task<GrainReply> ResolveIssue(IssueResolution resolution, CommandContext context);

    Task<GrainReply> AttachFile(ProjectFile file, CommandContext context);

    Task<GrainReply> AssignConcierge(ConciergePairing pairing, CommandContext context);

    /// <summary>
    /// An officer of this project's pair leaves (disabled or moved): their named successor takes their A or B
    /// role, the history says why, and a Handover.Assigned ledger entry is written under the project's id, in
    /// one transaction. Idempotent: answers the <see cref="Domain.Handover.ItemMove"/>.
    /// </summary>
    Task<GrainReply> HandOverConcierge(ConciergeHandover handover, CommandContext context);
}

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.NewProject")]
public sealed record NewProject(
    [property: Id(0)] Guid UnitId, [property: Id(1)] string UnitCode, [property: Id(2)] Guid InvestorId, [property: Id(3)] string Name,
    [property: Id(4)] decimal PlannedInvestment, [property: Id(5)] decimal? RegisteredCapital, [property: Id(6)] int? Jobs, [property: Id(7)] KeyProjectLevel KeyLevel,
    [property: Id(8)] DateOnly StageDate, [property: Id(9)] Guid UserId);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.ProjectEdit")]
public sealed record ProjectEdit(
    [property: Id(0)] string Name, [property: Id(1)] decimal PlannedInvestment, [property: Id(2)] decimal? RegisteredCapital, [property: Id(3)] int? Jobs,
    [property: Id(4)] KeyProjectLevel KeyLevel, [property: Id(5)] Guid? ResponsibleLeaderId, [property: Id(6)] string? WorkingTeam,
    [property: Id(7)] string? ConstructionPlan, [property: Id(8)] int Version);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.StageMove")]
public sealed record StageMove(
    [property: Id(0)] ProjectStage To, [property: Id(1)] DateOnly StageDate, [property: Id(2)] string? Note, [property: Id(3)] string? TerminationReason,
    [property: Id(4)] int Version, [property: Id(5)] Guid UserId);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.StageReview")]
public sealed record StageReview([property: Id(0)] Guid StageChangeId, [property: Id(1)] bool Approve, [property: Id(2)] string? Opinion, [property: Id(3)] Guid UserId);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.InvestmentEntry")]
public sealed record InvestmentEntry([property: Id(0)] DateOnly OnDate, [property: Id(1)] decimal Amount, [property: Id(2)] string? Note, [property: Id(3)] Guid UserId);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.NewIssue")]
public sealed record NewIssue(
    [property: Id(0)] Guid IssueId, [property: Id(1)] string Description, [property: Id(2)] Guid OwnerId, [property: Id(3)] DateOnly DueDate, [property: Id(4)] Guid UserId);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.IssueResolution")]
public sealed record IssueResolution([property: Id(0)] Guid IssueId, [property: Id(1)] string Resolution);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.ProjectFile")]
public sealed record ProjectFile(
    [property: Id(0)] Guid FileId, [property: Id(1)] Guid? StageChangeId, [property: Id(2)] string FileName, [property: Id(3)] string ContentType,
    [property: Id(4)] byte[] Content, [property: Id(5)] Guid UserId);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.ConciergePairing")]
public sealed record ConciergePairing([property: Id(0)] Guid AUserId, [property: Id(1)] Guid? BUserId, [property: Id(2)] string? HandoverReason, [property: Id(3)] Guid UserId);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.ConciergeHandover")]
public sealed record ConciergeHandover([property: Id(0)] Handover.HandoverOrder Order);
