using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Agreements;
using Orleans;

namespace BizEnv.Invest.Application.Agreements.Grain;

/// <summary>
/// An investment agreement as a live object, keyed by the agreement's id: the single writer of its row, its
/// obligations and their progress. Each command is one transaction (rows, ledger entries, audit,
/// Idempotency-Key). Its reminder wakes at the next obligation's due end (and at least daily while any is
/// open) to mark misses and read the project's stage dates and 到资 again.
/// </summary>
public interface IAgreementGrain : IGrainWithGuidKey
{
    /// <summary>Records the agreement with its first obligations (and the signed file, if given).</summary>
    Task<GrainReply> Record(NewAgreement agreement, CommandContext context);

    /// <summary>Edits the header (number, title, signatories, signing date, payment rule, government unit) from the version seen.</summary>
    Task<GrainReply> EditHeader(AgreementHeaderEdit edit, CommandContext context);

    /// <summary>Replaces (or adds) the signed file.</summary>
    Task<GrainReply> AttachSignedFile(SignedFile file, CommandContext context);

    /// <summary>Adds one obligation.</summary>
    Task<GrainReply> AddObligation(NewObligation obligation, CommandContext context);

    /// <summary>An officer's progress figure for a measured obligation, with its evidence.</summary>
    Task<GrainReply> RecordProgress(ProgressEntry entry, CommandContext context);

    /// <summary>Reads the project's stage dates and 到资 now (as the tick does) and answers how many obligations changed.</summary>
    Task<GrainReply> RefreshFromProject(CommandContext context);

    /// <summary>
    /// The reminder's work, callable at once (the project grain calls it when a stage or 到资 changes; an import
    /// after its commit): misses marked, the project read again, the reminder set for the next due end.
    /// Idempotent: a second call at the same moment changes nothing.
    /// </summary>
    Task CheckDue();

    /// <summary>
    /// The agreement (kind "agreement") or one of its open obligations (kind "obligation") passes from a leaving owner to
    /// their successor (新官理旧账): the owner and a Handover.Assigned ledger entry in one transaction. Idempotent per
    /// item: answers the <see cref="Domain.Handover.ItemMove"/>.
    /// </summary>
    Task<GrainReply> HandOver(AgreementHandover command, CommandContext context);
}

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.ObligationDraft")]
public sealed record ObligationDraft(
    [property: Id(0)] Guid ObligationId, [property: Id(1)] ObligationKind Kind, [property: Id(2)] string Description, [property: Id(3)] decimal? Target,
    [property: Id(4)] string? Unit, [property: Id(5)] DateOnly DueDate, [property: Id(6)] int CureDays, [property: Id(7)] Remedy Remedy,
    [property: Id(8)] decimal? RemedyAmount)
{
    public ObligationTerms Terms => new(Kind, Description, Target, Unit, DueDate, CureDays, Remedy, RemedyAmount);
}

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.SignedFile")]
public sealed record SignedFile([property: Id(0)] string FileName, [property: Id(1)] string ContentType, [property: Id(2)] byte[] Content);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.NewAgreement")]
public sealed record NewAgreement(
    [property: Id(0)] Guid ProjectId, [property: Id(1)] Guid UnitId, [property: Id(2)] string Number, [property: Id(3)] string Title,
    [property: Id(4)] string GovernmentSignatory, [property: Id(5)] string InvestorSignatory, [property: Id(6)] DateOnly SignedOn,
    [property: Id(7)] int ConditionPaymentDays, [property: Id(8)] ObligationDraft[] Obligations, [property: Id(9)] SignedFile? File,
    [property: Id(10)] Guid UserId)
{
    public AgreementHeader Header => new(Number, Title, GovernmentSignatory, InvestorSignatory, SignedOn, ConditionPaymentDays);
}

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.AgreementHeaderEdit")]
public sealed record AgreementHeaderEdit(
    [property: Id(0)] Guid UnitId, [property: Id(1)] string Number, [property: Id(2)] string Title, [property: Id(3)] string GovernmentSignatory,
    [property: Id(4)] string InvestorSignatory, [property: Id(5)] DateOnly SignedOn, [property: Id(6)] int ConditionPaymentDays, [property: Id(7)] int Version,
    [property: Id(8)] Guid UserId)
{
    public AgreementHeader Header => new(Number, Title, GovernmentSignatory, InvestorSignatory, SignedOn, ConditionPaymentDays);
}

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.NewObligation")]
public sealed record NewObligation([property: Id(0)] ObligationDraft Draft, [property: Id(1)] Guid UserId);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.ProgressEntry")]
public sealed record ProgressEntry(
    [property: Id(0)] Guid ObligationId, [property: Id(1)] decimal Value, [property: Id(2)] DateOnly AsOf, [property: Id(3)] string Evidence, [property: Id(4)] Guid UserId);

/// <summary>Which of the agreement's items a handover moves: the agreement itself or one of its obligations.</summary>
[GenerateSerializer, Immutable, Alias("BizEnv.Invest.AgreementHandover")]
public sealed record AgreementHandover([property: Id(0)] Handover.HandoverOrder Order, [property: Id(1)] string Kind, [property: Id(2)] Guid SubjectId);
