using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.GetCommitmentDashboard;

/// <summary>
/// The figures leaders and the integrity office watch: promises by status and kind, the fulfilment
/// rate, lapses and breaches per unit and month (last <see cref="Months"/> months, Beijing), cases by
/// outcome (and how many are overdue), and the pre-2018 list's progress.
/// </summary>
[AllowRoles(Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record GetCommitmentDashboard(int Months = 12) : IQuery<CommitmentDashboard>;

public sealed record CountBy(string Key, int Count, decimal? ValueCny = null);

public sealed record UnitMonthFigure(string UnitName, string Month, int Lapses, int Breaches);

public sealed record RemediationProgress(int Items, int Planned, int SignedOff, int Overdue)
{
    public decimal SignedOffShare => RemediationRules.SignedOffShare(SignedOff, Items);
}

public sealed record CommitmentDashboard(
    IReadOnlyList<CountBy> ByStatus, IReadOnlyList<CountBy> ByKind, decimal? FulfilmentRate, int Running, int DueIn30Days,
    IReadOnlyList<UnitMonthFigure> LapsesByUnitMonth, IReadOnlyList<CountBy> CasesByOutcome, int OpenCases, int OverdueCases, int NewAlerts,
    RemediationProgress Remediation);

public sealed class GetCommitmentDashboardHandler(IDbSession db, TimeProvider clock) : IRequestHandler<GetCommitmentDashboard, CommitmentDashboard>
{
    public async Task<CommitmentDashboard> Handle(GetCommitmentDashboard r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var today = clock.Today();
        var months = Math.Clamp(r.Months, 1, 36);
        var since = new DateOnly(today.Year, today.Month, 1).AddMonths(1 - months);
        using var grid = await cn.QueryMultipleAsync(new CommandDefinition("""
            SELECT status AS Key, count(*)::int AS Count, sum(value_cny) AS ValueCny FROM commitments GROUP BY status ORDER BY count(*) DESC;
            SELECT kind AS Key, count(*)::int AS Count, sum(value_cny) AS ValueCny FROM commitments WHERE status NOT IN ('Rejected') GROUP BY kind ORDER BY count(*) DESC;
            SELECT count(*) FILTER (WHERE status IN ('Open', 'InProgress', 'PartlyFulfilled', 'Extended'))::int,
                   count(*) FILTER (WHERE status IN ('Open', 'InProgress', 'PartlyFulfilled', 'Extended') AND due_date BETWEEN @today AND @today + 30)::int
            FROM commitments;
            SELECT unit_name(u.name_zh, u.name_en) AS UnitName, to_char(c.due_date, 'YYYY-MM') AS Month, count(*)::int AS Lapses,
                   count(*) FILTER (WHERE c.made_on >= @era)::int AS Breaches
            FROM commitments c JOIN units u ON u.id = c.unit_id
            WHERE c.status = 'Lapsed' AND c.due_date >= @since
            GROUP BY u.id, to_char(c.due_date, 'YYYY-MM') ORDER BY 2, 1;
            SELECT coalesce(outcome, 'Pending') AS Key, count(*)::int AS Count, NULL::numeric AS ValueCny FROM integrity_cases GROUP BY coalesce(outcome, 'Pending') ORDER BY count(*) DESC;
            SELECT count(*) FILTER (WHERE status <> 'Closed')::int, count(*) FILTER (WHERE outcome IS NULL AND @today > result_due)::int FROM integrity_cases;
            SELECT count(*)::int FROM breach_alerts WHERE status = 'New';
            SELECT count(*)::int AS Items, count(*) FILTER (WHERE plan IS NOT NULL)::int AS Planned, count(*) FILTER (WHERE status = 'SignedOff')::int AS SignedOff,
                   count(*) FILTER (WHERE status = 'Open' AND deadline IS NOT NULL AND @today > deadline)::int AS Overdue
            FROM remediation_items;
            """, new { today, since, era = CommitmentDeadlines.BreachEra }, cancellationToken: ct));
        var byStatus = (await grid.ReadAsync<CountBy>()).ToList();
        var byKind = (await grid.ReadAsync<CountBy>()).ToList();
        var (running, dueSoon) = await grid.ReadSingleAsync<(int, int)>();
        var lapses = (await grid.ReadAsync<UnitMonthFigure>()).ToList();
        var outcomes = (await grid.ReadAsync<CountBy>()).ToList();
        var (openCases, overdueCases) = await grid.ReadSingleAsync<(int, int)>();
        var newAlerts = await grid.ReadSingleAsync<int>();
        var remediation = await grid.ReadSingleAsync<RemediationProgress>();
        int Of(string status) => byStatus.FirstOrDefault(s => s.Key == status)?.Count ?? 0;
        var rate = CommitmentFigures.FulfilmentRate(Of("Fulfilled"), Of("Lapsed"));
        return new CommitmentDashboard(byStatus, byKind, rate, running, dueSoon, lapses, outcomes, openCases, overdueCases, newAlerts, remediation);
    }
}
