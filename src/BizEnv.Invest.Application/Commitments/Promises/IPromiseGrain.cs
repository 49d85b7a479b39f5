using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Zones;
using Orleans;

namespace BizEnv.Invest.Application.Commitments.Promises;

/// <summary>
/// A promise 承诺 as a live object, keyed by the promise's id: the single writer of its row, its
/// amendments and its ledger entries (the ledger is its journal). Handlers authorize and validate,
/// then call it; queries read the rows. Its one reminder wakes it at its next deadline.
/// </summary>
public interface IPromiseGrain : IGrainWithGuidKey
{
    Task<GrainReply> Record(RecordPromise command, CommandContext context);

    Task<GrainReply> Review(ReviewPromise command, CommandContext context);

    Task<GrainReply> ChangeStatus(ChangePromiseStatus command, CommandContext context);

    Task<GrainReply> Amend(AmendPromise command, CommandContext context);

    Task<GrainReply> ReviewAmendment(ReviewPromiseAmendment command, CommandContext context);

    /// <summary>The reviewing unit's fair-competition opinion on a flagged promise (the handler has checked the reviewer's unit).</summary>
    Task<GrainReply> ReviewFairCompetition(FairReviewOpinion command, CommandContext context);

    /// <summary>
    /// Acts once on every deadline that has come (warnings, the lapse)
    /// and sets the reminder for the next one. The reminder's tick; also called when deadlines may
    /// have moved under it (an upgrade, a calendar edit).
    /// </summary>
    Task CheckDeadlines();

    /// <summary>
    /// The promise passes from a leaving owner to their successor (新官理旧账): owner and a Handover.Assigned
    /// ledger entry in one transaction. Idempotent per handover: answers the <see cref="Domain.Handover.ItemMove"/>.
    /// </summary>
    Task<GrainReply> HandOver(PromiseHandover command, CommandContext context);

    /// <summary>
    /// An obligation this promise is conditional on changed (met, cured): a condition-unmet promise whose conditions are
    /// now all met runs again with its new due date. Idempotent; also done by the promise's own daily tick (the net).
    /// </summary>
    Task ConditionsChanged();

    /// <summary>Whether this promise, as committed, holds capacity in the zone (the zone asks about a hold never confirmed).</summary>
    Task<bool> HoldsCapacityIn(Guid zoneId);
}

/// <summary>
/// One authority limit of the person giving the command (what their role in their unit may promise of
/// a kind; no maximum: any amount), read by the handler; the aggregate applies it.
/// </summary>
[GenerateSerializer, Immutable, Alias("BizEnv.Invest.Limit")]
public sealed record Limit([property: Id(0)] CommitmentKind Kind, [property: Id(1)] decimal? Max)
{
    public static Limit[] Of(IEnumerable<AuthorityLimit> limits) => [.. limits.Select(l => new Limit(l.Kind, l.MaxValue))];

    public static AuthorityLimit[] ToDomain(Limit[] limits) => [.. limits.Select(l => new AuthorityLimit(l.Kind, l.Max))];
}

/// <summary>Who the promise is to and who makes it, as the handler established them.</summary>
[GenerateSerializer, Immutable, Alias("BizEnv.Invest.PromiseParties")]
public sealed record PromiseParties(
    [property: Id(0)] Guid ProjectId, [property: Id(1)] Guid InvestorId, [property: Id(2)] Guid UnitId, [property: Id(3)] Guid? PromiserId,
    [property: Id(4)] string PromiserName);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.RecordPromise")]
public sealed record RecordPromise(
    [property: Id(0)] PromiseParties Parties, [property: Id(1)] Limit[] PromiserLimits, [property: Id(2)] CommitmentKind Kind, [property: Id(3)] string Clause,
    [property: Id(4)] decimal? ValueCny, [property: Id(5)] Guid? ZoneId, [property: Id(6)] Resource? Resource, [property: Id(7)] decimal? Amount,
    [property: Id(8)] DateOnly MadeOn, [property: Id(9)] DateOnly DueDate, [property: Id(10)] string? PolicyTitle, [property: Id(11)] string? PolicyNumber,
    [property: Id(12)] string? ContractRef, [property: Id(13)] FairRule[]? FairRules = null, [property: Id(14)] Guid? AgreementId = null,
    [property: Id(15)] Guid[]? ConditionObligationIds = null)
{
    public PromiseTerms Terms => new(Kind, Clause.Trim(), ValueCny, ZoneId, Resource, Amount, MadeOn, DueDate, Blank(PolicyTitle), Blank(PolicyNumber), Blank(ContractRef));

    internal static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.ReviewPromise")]
public sealed record ReviewPromise(
    [property: Id(0)] bool Approve, [property: Id(1)] string? Opinion, [property: Id(2)] int Version, [property: Id(3)] Limit[] ApproverLimits,
    [property: Id(4)] Guid ApproverId);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.ChangePromiseStatus")]
public sealed record ChangePromiseStatus(
    [property: Id(0)] CommitmentStatus To, [property: Id(1)] string? Note, [property: Id(2)] string? Evidence, [property: Id(3)] decimal? FulfilledShare,
    [property: Id(4)] DateOnly? NewDueDate, [property: Id(5)] string? ConsentDocument, [property: Id(6)] string? AgreementDocument,
    [property: Id(7)] int Version);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.AmendPromise")]
public sealed record AmendPromise(
    [property: Id(0)] string Clause, [property: Id(1)] decimal? ValueCny, [property: Id(2)] string? PolicyTitle, [property: Id(3)] string? PolicyNumber,
    [property: Id(4)] string? ContractRef, [property: Id(5)] string Reason, [property: Id(6)] int Version, [property: Id(7)] Limit[] PromiserLimits,
    [property: Id(8)] Guid RequestedBy)
{
    public AmendedTerms Terms => new(Clause.Trim(), ValueCny, RecordPromise.Blank(PolicyTitle), RecordPromise.Blank(PolicyNumber), RecordPromise.Blank(ContractRef));
}

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.ReviewPromiseAmendment")]
public sealed record ReviewPromiseAmendment(
    [property: Id(0)] Guid AmendmentId, [property: Id(1)] bool Approve, [property: Id(2)] string? Opinion, [property: Id(3)] int Version,
    [property: Id(4)] Limit[] ApproverLimits, [property: Id(5)] Guid ReviewerId);

/// <summary>An active fair-competition rule as the handler read it; the aggregate decides whether the promise matches.</summary>
[GenerateSerializer, Immutable, Alias("BizEnv.Invest.FairRule")]
public sealed record FairRule(
    [property: Id(0)] Guid Id, [property: Id(1)] string Name, [property: Id(2)] CommitmentKind[] Kinds, [property: Id(3)] string[] Keywords,
    [property: Id(4)] string LegalBasis)
{
    public static FairCompetitionRule[] ToDomain(FairRule[]? rules) =>
        [.. (rules ?? []).Select(r => new FairCompetitionRule(r.Id, r.Name, r.Kinds, r.Keywords, r.LegalBasis))];
}

/// <summary>The opinion of a user of the reviewing unit: pass or refuse, with the opinion's words.</summary>
[GenerateSerializer, Immutable, Alias("BizEnv.Invest.FairReviewOpinion")]
public sealed record FairReviewOpinion(
    [property: Id(0)] bool Pass, [property: Id(1)] string Opinion, [property: Id(2)] int Version, [property: Id(3)] Guid ReviewerId,
    [property: Id(4)] string ReviewerName);

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.PromiseHandover")]
public sealed record PromiseHandover([property: Id(0)] Handover.HandoverOrder Order);
