using BizEnv.Invest.Application.Agreements.Grain;
using BizEnv.Invest.Domain.Agreements;

namespace BizEnv.Invest.Application.Agreements;

/// <summary>An obligation as a form states it (the recording form, the add form, an import row).</summary>
public sealed record ObligationInput(
    ObligationKind Kind, string Description, decimal? Target, string? Unit, DateOnly DueDate, int CureDays, Remedy Remedy, decimal? RemedyAmount)
{
    public ObligationDraft ToDraft(Guid id) => new(id, Kind, Description, Target, Unit, DueDate, CureDays, Remedy, RemedyAmount);
}

public sealed record AgreementSummary(
    Guid Id, string Number, string Title, Guid ProjectId, string ProjectNumber, string ProjectName, string InvestorName, Guid UnitId, string UnitName,
    DateOnly SignedOn, int Obligations, int Met, int Missed, int Open, DateOnly? NextDue);

public sealed record ObligationDto(
    Guid Id, Guid AgreementId, ObligationKind Kind, string Description, decimal? Target, string? Unit, DateOnly DueDate, decimal? Progress, DateOnly? ReachedOn,
    ObligationStatus Status, DateOnly? MetOn, int CureDays, Remedy Remedy, decimal? RemedyAmount, string OwnerName, int Version)
{
    public bool FromProject => ObligationKinds.FromProject(Kind);

    public bool IsMilestone => ObligationKinds.IsMilestone(Kind);

    /// <summary>How far along, 0–100 (a milestone: 0 or 100).</summary>
    public int Percent => IsMilestone ? (ReachedOn is null ? 0 : 100)
        : Target is { } t && t > 0 && Progress is { } p ? (int)Math.Clamp(Math.Round(p / t * 100m), 0, 100) : 0;
}

public sealed record ProgressDto(Guid Id, Guid ObligationId, decimal? Value, DateOnly? ReachedOn, DateOnly AsOf, string Evidence, ProgressSource Source,
    string? EnteredBy, DateTimeOffset EnteredAt);

public sealed record AgreementDetail(
    AgreementSummary Summary, string GovernmentSignatory, string InvestorSignatory, int ConditionPaymentDays, string? FileName, string OwnerName, int Version,
    bool CanEdit, IReadOnlyList<ObligationDto> Obligations, IReadOnlyList<ProgressDto> Progress);

/// <summary>A row of the obligations list: the obligation with its agreement and project.</summary>
public sealed record ObligationRow(
    Guid Id, Guid AgreementId, string AgreementNumber, string ProjectName, string UnitName, ObligationKind Kind, string Description, decimal? Target, string? Unit,
    DateOnly DueDate, decimal? Progress, DateOnly? ReachedOn, ObligationStatus Status, DateOnly? MetOn);

/// <summary>What an agreement command answers: the agreement, its version after the change, and how many obligations the command changed.</summary>
public sealed record AgreementSaved(Guid AgreementId, int Version, int ObligationsChanged);
