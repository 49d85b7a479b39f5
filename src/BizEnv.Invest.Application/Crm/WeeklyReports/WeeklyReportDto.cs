namespace BizEnv.Invest.Application.Crm.WeeklyReports;

public sealed record WeeklyReportDto(
    Guid Id, Guid ProjectId, string ProjectNumber, string ProjectName, string UnitName, DateOnly WeekStart, string Progress,
    decimal InvestmentToDate, string Issues, string NextSteps, string Status, string? SubmittedBy, DateTimeOffset? SubmittedAt, int Version);

internal static class WeeklyReportSql
{
    public const string Select = """
        SELECT w.id AS Id, w.project_id AS ProjectId, p.number AS ProjectNumber, p.name AS ProjectName, unit_name(u.name_zh, u.name_en) AS UnitName, w.week_start AS WeekStart,
               w.progress AS Progress, w.investment_to_date AS InvestmentToDate, w.issues AS Issues, w.next_steps AS NextSteps, w.status AS Status,
               s.display_name AS SubmittedBy, w.submitted_at AS SubmittedAt, w.version AS Version
        FROM weekly_reports w JOIN projects p ON p.id = w.project_id JOIN units u ON u.id = p.unit_id LEFT JOIN users s ON s.id = w.submitted_by
        """;
}
