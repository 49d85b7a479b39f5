using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Application.Crm.Investors;

/// <summary>
/// A contact as the edit form sends it. <see cref="OnlyOurUnit"/> marks it private to the saving unit;
/// <see cref="Id"/> (from <see cref="ContactView"/>) keeps a contact's id across edits.
/// </summary>
public sealed record ContactDto(string Name, string? Title, string? Phone, string? Email, bool OnlyOurUnit = false, Guid? Id = null);

/// <summary>A contact as the reader may see it; a private one names the unit that alone (with the integrity office) sees it.</summary>
public sealed record ContactView(Guid Id, string Name, string? Title, string? Phone, string? Email, Guid? PrivateToUnitId, string? PrivateToUnitName)
{
    /// <summary>Add a WHERE with <see cref="CrmAccess.VisibleSql"/>("c.private_to_unit") — never read contacts without it.</summary>
    internal const string Select = """
        SELECT c.id AS Id, c.name AS Name, c.title AS Title, c.phone AS Phone, c.email AS Email,
               c.private_to_unit AS PrivateToUnitId, unit_name(pu.name_zh, pu.name_en) AS PrivateToUnitName
          FROM investor_contacts c LEFT JOIN units pu ON pu.id = c.private_to_unit
        """;
}

/// <summary>One unit's internal notes about a firm (本单位内部备注).</summary>
public sealed record UnitNoteView(Guid UnitId, string UnitName, string Body, string UpdatedByName, DateTimeOffset UpdatedAt, int Version)
{
    internal const string Select = """
        SELECT n.unit_id AS UnitId, unit_name(u.name_zh, u.name_en) AS UnitName, n.body AS Body, us.display_name AS UpdatedByName,
               n.updated_at AS UpdatedAt, n.version AS Version
          FROM investor_unit_notes n JOIN units u ON u.id = n.unit_id JOIN users us ON us.id = n.updated_by
        """;
}

public sealed record OfficerRef(Guid Id, string DisplayName, string UnitName);

public sealed record InvestorSummary(
    Guid Id, Guid UnitId, string UnitName, string Name, string? CreditCode, Ownership Ownership, string? HomeRegion,
    string? IndustryCode, string? IndustryName, bool IsFortune500, bool IsChina500, long ProjectCount, DateOnly? LastVisitOn, int Version);

public sealed record VisitBrief(Guid Id, DateOnly VisitedOn, string UnitName, string Officers, string Purpose);

public sealed record ProjectBrief(Guid Id, string Number, string Name, ProjectStage Stage, decimal PlannedInvestment);

/// <summary>
/// A firm as the reader may see it: <see cref="Contacts"/> and <see cref="UnitNotes"/> hold only what the
/// reader's unit may see (every unit's, labelled, for the integrity office); <see cref="MyUnitNote"/> is
/// the reader's own unit's note, which <see cref="CanKeepUnitNote"/> says they may edit.
/// </summary>
public sealed record InvestorDetail(
    InvestorSummary Summary, Guid? ParentId, string? ParentName, IReadOnlyList<UnitNoteView> UnitNotes, IReadOnlyList<ContactView> Contacts,
    IReadOnlyList<OfficerRef> LinkedOfficers, IReadOnlyList<InvestorBrief> Children, IReadOnlyList<ProjectBrief> Projects,
    IReadOnlyList<VisitBrief> RecentVisits, bool CanEdit, Guid? MyUnitId, bool CanKeepUnitNote)
{
    public UnitNoteView? MyUnitNote => UnitNotes.FirstOrDefault(n => n.UnitId == MyUnitId);
}

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
