namespace BizEnv.Invest.Application.Agreements;

/// <summary>The SQL the agreement lists and the detail share: one summary row per agreement with its obligations counted.</summary>
internal static class AgreementQueries
{
    public const string Summary = """
        SELECT a.id AS Id, a.number AS Number, a.title AS Title, a.project_id AS ProjectId, p.number AS ProjectNumber, p.name AS ProjectName,
               i.name AS InvestorName, a.unit_id AS UnitId, unit_name(u.name_zh, u.name_en) AS UnitName, a.signed_on AS SignedOn,
               (SELECT count(*)::int FROM obligations o WHERE o.agreement_id = a.id) AS Obligations,
               (SELECT count(*)::int FROM obligations o WHERE o.agreement_id = a.id AND o.status IN ('Met', 'Cured')) AS Met,
               (SELECT count(*)::int FROM obligations o WHERE o.agreement_id = a.id AND o.status = 'Missed') AS Missed,
               (SELECT count(*)::int FROM obligations o WHERE o.agreement_id = a.id AND o.status = 'Open') AS Open,
               (SELECT min(o.due_date) FROM obligations o WHERE o.agreement_id = a.id AND o.status = 'Open') AS NextDue
        FROM agreements a
        JOIN projects p ON p.id = a.project_id
        JOIN investors i ON i.id = a.investor_id
        JOIN units u ON u.id = a.unit_id
        """;
}
