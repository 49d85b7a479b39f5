using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Remediation.ListRemediation;

/// <summary>
/// The pre-2018 list: open items first by deadline (unplanned ones on top), overdue ones flagged.
/// Officers see the items of their unit (as promiser or as responsible unit); supervisors see all.
/// </summary>
[AllowRoles(Role.IntegrityOfficer, Role.Leader, Role.PromotionOfficer, Role.Admin)]
public sealed record ListRemediation(string? Status = "Open", Guid? UnitId = null, bool OverdueOnly = false) : IQuery<IReadOnlyList<RemediationSummaryRow>>;

public sealed record RemediationSummaryRow(Guid CommitmentId, string ProjectNumber, string InvestorName, string UnitName, string Kind, string Clause,
    decimal? ValueCny, DateOnly MadeOn, DateOnly DueDate, string CommitmentStatus, string Source, string? ResponsibleUnitName, DateOnly? Deadline,
    int ProgressPercent, string Status, bool Overdue, int Version);

public sealed class ListRemediationHandler(IDbSession db, ActorContext actor, TimeProvider clock) : IRequestHandler<ListRemediation, IReadOnlyList<RemediationSummaryRow>>
{
    public async Task<IReadOnlyList<RemediationSummaryRow>> Handle(ListRemediation r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        return (await cn.QueryAsync<RemediationSummaryRow>(new CommandDefinition("""
            SELECT r.commitment_id AS CommitmentId, p.number AS ProjectNumber, i.name AS InvestorName, unit_name(u.name_zh, u.name_en) AS UnitName, c.kind AS Kind, c.clause AS Clause,
                   c.value_cny AS ValueCny, c.made_on AS MadeOn, c.due_date AS DueDate, c.status AS CommitmentStatus, r.source AS Source,
                   unit_name(ru.name_zh, ru.name_en) AS ResponsibleUnitName, r.deadline AS Deadline, r.progress_percent AS ProgressPercent, r.status AS Status,
                   (r.status = 'Open' AND r.deadline IS NOT NULL AND @today > r.deadline) AS Overdue, r.version AS Version
            FROM remediation_items r JOIN commitments c ON c.id = r.commitment_id JOIN projects p ON p.id = c.project_id
            JOIN investors i ON i.id = c.investor_id JOIN units u ON u.id = c.unit_id LEFT JOIN units ru ON ru.id = r.responsible_unit
            WHERE (@status::text IS NULL OR r.status = @status)
              AND (@UnitId::uuid IS NULL OR c.unit_id = @UnitId OR r.responsible_unit = @UnitId)
              AND (@scope::uuid IS NULL OR c.unit_id = @scope OR r.responsible_unit = @scope)
              AND (NOT @OverdueOnly OR (r.status = 'Open' AND r.deadline IS NOT NULL AND @today > r.deadline))
            ORDER BY r.status DESC, r.deadline NULLS FIRST, c.made_on
            LIMIT 1000
            """, new
        {
            status = string.IsNullOrWhiteSpace(r.Status) ? null : r.Status, r.UnitId, r.OverdueOnly, today = clock.Today(),
            scope = actor.Actor.Roles.Contains(Role.IntegrityOfficer) ? null : CrmAccess.UnitScope(actor.Actor),
        }, cancellationToken: ct))).ToList();
    }
}
