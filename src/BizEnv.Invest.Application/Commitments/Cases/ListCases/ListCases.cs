using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Cases.ListCases;

/// <summary>
/// The integrity office's cases: open ones first by result deadline, overdue ones flagged (status
/// filter: Investigating, Rectifying, Closed; "Open" = not closed; OverdueOnly = result not reported in time).
/// </summary>
[AllowRoles(Role.IntegrityOfficer, Role.Leader)]
public sealed record ListCases(string? Status = "Open", bool OverdueOnly = false, Guid? UnitId = null) : IQuery<IReadOnlyList<CaseSummary>>;

public sealed record CaseSummary(Guid Id, string Number, Guid CommitmentId, string ProjectNumber, string InvestorName, string UnitName, string AlertKind,
    string? InvestigatorName, DateTimeOffset OpenedAt, DateOnly ResultDue, string? Outcome, string Status, int OpenRectifications, bool ResultOverdue);

public sealed class ListCasesHandler(IDbSession db, TimeProvider clock) : IRequestHandler<ListCases, IReadOnlyList<CaseSummary>>
{
    public async Task<IReadOnlyList<CaseSummary>> Handle(ListCases r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var today = clock.Today();
        return (await cn.QueryAsync<CaseSummary>(new CommandDefinition("""
            SELECT k.id AS Id, k.number AS Number, k.commitment_id AS CommitmentId, p.number AS ProjectNumber, i.name AS InvestorName, unit_name(u.name_zh, u.name_en) AS UnitName,
                   a.kind AS AlertKind, inv.display_name AS InvestigatorName, k.opened_at AS OpenedAt, k.result_due AS ResultDue, k.outcome AS Outcome,
                   k.status AS Status,
                   (SELECT count(*)::int FROM case_rectifications x WHERE x.case_id = k.id AND x.done_at IS NULL) AS OpenRectifications,
                   (k.outcome IS NULL AND @today > k.result_due) AS ResultOverdue
            FROM integrity_cases k JOIN breach_alerts a ON a.id = k.alert_id JOIN commitments c ON c.id = k.commitment_id
            JOIN projects p ON p.id = c.project_id JOIN investors i ON i.id = c.investor_id JOIN units u ON u.id = k.unit_id
            LEFT JOIN users inv ON inv.id = k.investigator_id
            WHERE (@status::text IS NULL OR (@status = 'Open' AND k.status <> 'Closed') OR k.status = @status)
              AND (NOT @OverdueOnly OR (k.outcome IS NULL AND @today > k.result_due))
              AND (@UnitId::uuid IS NULL OR k.unit_id = @UnitId)
            ORDER BY k.status = 'Closed', k.result_due, k.number
            LIMIT 500
            """, new { status = string.IsNullOrWhiteSpace(r.Status) ? null : r.Status, r.OverdueOnly, r.UnitId, today }, cancellationToken: ct))).ToList();
    }
}
