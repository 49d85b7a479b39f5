using BizEnv.Invest.Application.Common.Mapping;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Zones;

namespace BizEnv.Invest.Application.Commitments;

/// <summary>The full state of a promise: what each ledger entry records.</summary>
public sealed record CommitmentState(
    Guid Id, Guid ProjectId, string ProjectNumber, Guid InvestorId, string InvestorName, Guid UnitId, CommitmentKind Kind, string Clause,
    decimal? ValueCny, Guid? ZoneId, Resource? Resource, decimal? Amount, DateOnly MadeOn, DateOnly DueDate, string PromiserName,
    string? PolicyTitle, string? PolicyNumber, string? ContractRef, CommitmentStatus Status, string? PendingReason, decimal? FulfilledShare, int Version,
    // Only flagged promises carry it, so an unflagged promise's ledger state reads as it always has.
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    FairReviewStatus? FairReview = null)
{
    /// <summary>Why it waits, in the reader's language (<see cref="PendingReason"/> is the stored code; the ledger records only that).</summary>
    [Ledger.NotInLedger]
    public string? PendingReasonText => Localization.CodedText.Render(PendingReason);
}

/// <summary>
/// One ledger entry: <see cref="Reason"/> as stored and hashed (a code for system reasons), <see cref="ReasonText"/> in the reader's language.
/// <see cref="Seq"/> and <see cref="Hash"/> are null while the entry waits in the writers' queue for the sequencer (about a second).
/// </summary>
public sealed record LedgerEntryDto(long? Seq, string Event, string Actor, DateTimeOffset At, string? Reason, string State, string? Hash)
{
    public string? ReasonText => Localization.LedgerWords.Reason(Reason);
}

public sealed record CommitmentDetail(CommitmentState State, IReadOnlyList<LedgerEntryDto> History, bool CanChange, bool CanReview,
    IReadOnlyList<WarningDto> Warnings, FairCompetition.FairReviewDto? FairReview = null, CommitmentAgreementDto? Agreement = null, IReadOnlyList<CommitmentConditionDto>? Conditions = null);

/// <summary>The investment agreement a promise was made under, and its rule for conditional promises.</summary>
public sealed record CommitmentAgreementDto(Guid Id, string Number, string Title, int ConditionPaymentDays);

/// <summary>An investor obligation a conditional promise waits on, where it stands (satisfied: Met or Cured).</summary>
public sealed record CommitmentConditionDto(
    Guid ObligationId, string Kind, string Description, decimal? Target, string? Unit, DateOnly DueDate, decimal? Progress, DateOnly? ReachedOn,
    string Status, DateOnly? MetOn)
{
    public bool Satisfied => PromiseConditions.IsSatisfied(Status);
}

/// <summary>
/// A warning before the due date: how many working days before, on which date (null: the date needs
/// a calendar year not loaded yet — it follows once the year is added), and whether it has been sent.
/// </summary>
public sealed record WarningDto(int WorkingDaysBefore, DateOnly? On, bool Sent);

internal sealed record CommitmentRow(
    Guid Id, Guid ProjectId, string ProjectNumber, Guid InvestorId, string InvestorName, Guid UnitId, string Kind, string Clause, decimal? ValueCny,
    Guid? ZoneId, string? Resource, decimal? Amount, DateOnly MadeOn, DateOnly DueDate, string PromiserName, string? PolicyTitle, string? PolicyNumber,
    string? ContractRef, string Status, string? PendingReason, decimal? FulfilledShare, int Version, string? FairReview = null)
{
    public const string Select = """
        SELECT c.id AS Id, c.project_id AS ProjectId, p.number AS ProjectNumber, c.investor_id AS InvestorId, i.name AS InvestorName, c.unit_id AS UnitId,
               c.kind AS Kind, c.clause AS Clause, c.value_cny AS ValueCny, c.zone_id AS ZoneId, c.resource AS Resource, c.amount AS Amount,
               c.made_on AS MadeOn, c.due_date AS DueDate, c.promiser_name AS PromiserName, c.policy_title AS PolicyTitle, c.policy_number AS PolicyNumber,
               c.contract_ref AS ContractRef, c.status AS Status, c.pending_reason AS PendingReason, c.fulfilled_share AS FulfilledShare, c.version AS Version,
               c.fair_review AS FairReview
        FROM commitments c JOIN projects p ON p.id = c.project_id JOIN investors i ON i.id = c.investor_id
        """;

    public CommitmentState ToState() => this.To<CommitmentState>();
}

public static class CommitmentLoad
{
    public static async Task<CommitmentState> Read(Npgsql.NpgsqlConnection cn, Npgsql.NpgsqlTransaction? tx, Guid id, CancellationToken ct) =>
        (await Dapper.SqlMapper.QuerySingleOrDefaultAsync<CommitmentRow>(cn, new Dapper.CommandDefinition(
            CommitmentRow.Select + " WHERE c.id = @id", new { id }, tx, cancellationToken: ct)))?.ToState()
        ?? throw new Errors.NotFoundException("commitment", id);
}
