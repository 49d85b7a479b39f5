using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Application.Crm.Projects;

public sealed record ProjectSummary(
    Guid Id, string Number, Guid UnitId, string UnitName, Guid InvestorId, string InvestorName, string Name, decimal PlannedInvestment,
    decimal? RegisteredCapital, int? Jobs, KeyProjectLevel KeyLevel, ProjectStage Stage, DateOnly StageDate, decimal InvestmentInPlace,
    string? ConciergeA, string? ConciergeB, DateTimeOffset UpdatedAt, int Version);

public sealed record StageChangeDto(Guid Id, ProjectStage From, ProjectStage To, DateOnly StageDate, string? Note, string ReviewStatus, string By, DateTimeOffset At)
{
    /// <summary>Who reviewed the change and why (a rejection always carries an opinion).</summary>
    public string? ReviewedBy { get; init; }
    public string? ReviewOpinion { get; init; }
}

public sealed record ProjectFileDto(Guid Id, Guid? StageChangeId, string FileName, string ContentType, int SizeBytes, DateTimeOffset UploadedAt);

public sealed record InvestmentDto(Guid Id, DateOnly OnDate, decimal Amount, string? Note);

public sealed record ProjectIssueDto(Guid Id, string Description, Guid OwnerId, string Owner, DateOnly DueDate, string Status, string? Resolution);

public sealed record ProjectDetail(
    ProjectSummary Summary, string? TerminatedReason, Guid? ResponsibleLeaderId, string? ResponsibleLeader, string? WorkingTeam,
    string? ConstructionPlan, IReadOnlyList<StageChangeDto> Stages, IReadOnlyList<ProjectFileDto> Files, IReadOnlyList<InvestmentDto> Investments,
    bool CanEdit, ProjectStage? NextStage)
{
    /// <summary>The key project's issue list 问题清单, open ones first.</summary>
    public IReadOnlyList<ProjectIssueDto> Issues { get; init; } = [];

    /// <summary>True for leaders when a stage change waits for their review.</summary>
    public bool CanReview { get; init; }
}

internal sealed record ProjectRow(
    Guid Id, string Number, Guid UnitId, string UnitName, Guid InvestorId, string InvestorName, string Name, decimal PlannedInvestment,
    decimal? RegisteredCapital, int? Jobs, string KeyLevel, string Stage, DateOnly StageDate, decimal InvestmentInPlace,
    string? ConciergeA, string? ConciergeB, DateTimeOffset UpdatedAt, int Version)
{
    public const string Columns = """
        SELECT p.id AS Id, p.number AS Number, p.unit_id AS UnitId, unit_name(u.name_zh, u.name_en) AS UnitName, p.investor_id AS InvestorId, i.name AS InvestorName,
               p.name AS Name, p.planned_investment AS PlannedInvestment, p.registered_capital AS RegisteredCapital, p.jobs AS Jobs,
               p.key_level AS KeyLevel, p.stage AS Stage, p.stage_date AS StageDate,
               coalesce((SELECT sum(amount) FROM project_investments pi WHERE pi.project_id = p.id), 0) AS InvestmentInPlace,
               ca.a_name AS ConciergeA, ca.b_name AS ConciergeB, p.updated_at AS UpdatedAt, p.version AS Version
        """;

    public const string Joins = """
         JOIN units u ON u.id = p.unit_id
        JOIN investors i ON i.id = p.investor_id
        LEFT JOIN LATERAL (
            SELECT a.display_name AS a_name, b.display_name AS b_name FROM concierge_assignments c
            LEFT JOIN users a ON a.id = c.a_user_id LEFT JOIN users b ON b.id = c.b_user_id
            WHERE c.project_id = p.id AND c.ended_at IS NULL) ca ON true
        """;

    public const string Select = Columns + " FROM projects p " + Joins;

    public ProjectSummary ToDto() => new(Id, Number, UnitId, UnitName, InvestorId, InvestorName, Name, PlannedInvestment, RegisteredCapital, Jobs,
        Enum.Parse<KeyProjectLevel>(KeyLevel), Enum.Parse<ProjectStage>(Stage), StageDate, InvestmentInPlace, ConciergeA, ConciergeB, UpdatedAt, Version);
}
