using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Application.Crm.Investors;

public sealed record ContactDto(string Name, string? Title, string? Phone, string? Email);

public sealed record OfficerRef(Guid Id, string DisplayName, string UnitName);

public sealed record InvestorSummary(
    Guid Id, Guid UnitId, string UnitName, string Name, string? CreditCode, Ownership Ownership, string? HomeRegion,
    string? IndustryCode, string? IndustryName, bool IsFortune500, bool IsChina500, long ProjectCount, DateOnly? LastVisitOn, int Version);

public sealed record VisitBrief(Guid Id, DateOnly VisitedOn, string UnitName, string Officers, string Purpose);

public sealed record ProjectBrief(Guid Id, string Number, string Name, ProjectStage Stage, decimal PlannedInvestment);

public sealed record InvestorDetail(
    InvestorSummary Summary, Guid? ParentId, string? ParentName, string? Notes, IReadOnlyList<ContactDto> Contacts,
    IReadOnlyList<OfficerRef> LinkedOfficers, IReadOnlyList<InvestorBrief> Children, IReadOnlyList<ProjectBrief> Projects,
    IReadOnlyList<VisitBrief> RecentVisits, bool CanEdit);

public sealed record InvestorBrief(Guid Id, string Name, string? CreditCode, string UnitName);

internal sealed record InvestorRow(
    Guid Id, Guid UnitId, string UnitName, string Name, string? CreditCode, string Ownership, string? HomeRegion,
    string? IndustryCode, string? IndustryName, bool IsFortune500, bool IsChina500, long ProjectCount, DateOnly? LastVisitOn, int Version)
{
    public const string Columns = """
        SELECT i.id AS Id, i.unit_id AS UnitId, unit_name(u.name_zh, u.name_en) AS UnitName, i.name AS Name, i.credit_code AS CreditCode,
               i.ownership AS Ownership, i.home_region AS HomeRegion, i.industry_code AS IndustryCode, ind.name_zh AS IndustryName,
               i.is_fortune500 AS IsFortune500, i.is_china500 AS IsChina500,
               (SELECT count(*) FROM projects p WHERE p.investor_id = i.id) AS ProjectCount,
               (SELECT max(v.visited_on) FROM visits v WHERE v.investor_id = i.id) AS LastVisitOn,
               i.version AS Version
        """;

    public const string Joins = " JOIN units u ON u.id = i.unit_id LEFT JOIN industries ind ON ind.code = i.industry_code ";

    public const string Select = Columns + " FROM investors i " + Joins;

    public InvestorSummary ToDto() => new(Id, UnitId, UnitName, Name, CreditCode, Enum.Parse<Ownership>(Ownership), HomeRegion,
        IndustryCode, IndustryName, IsFortune500, IsChina500, ProjectCount, LastVisitOn, Version);
}
