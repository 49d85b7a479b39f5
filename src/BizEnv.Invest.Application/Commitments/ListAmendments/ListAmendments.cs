using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.ListAmendments;

/// <summary>
/// Amendments of one promise (newest first), or — with no promise given — every amendment waiting
/// for a leader, oldest first: the leader's second approval queue.
/// </summary>
[AllowRoles(Role.Leader, Role.PromotionOfficer, Role.IntegrityOfficer, Role.Admin)]
public sealed record ListAmendments(Guid? CommitmentId = null) : IQuery<IReadOnlyList<AmendmentDto>>;

public sealed record AmendmentDto(Guid Id, Guid CommitmentId, string ProjectNumber, string InvestorName, string Kind, string OldClause, decimal? OldValueCny,
    string Clause, decimal? ValueCny, string? PolicyTitle, string? PolicyNumber, string? ContractRef, string Reason, bool Widens, string? PendingReason,
    string Status, string RequestedBy, DateTimeOffset RequestedAt, string? ReviewedBy, string? Opinion, int Version)
{
    public string? PendingReasonText => Localization.CodedText.Render(PendingReason);
}

public sealed class ListAmendmentsHandler(IDbSession db, ActorContext actor) : IRequestHandler<ListAmendments, IReadOnlyList<AmendmentDto>>
{
    public async Task<IReadOnlyList<AmendmentDto>> Handle(ListAmendments r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        return (await cn.QueryAsync<AmendmentDto>(new CommandDefinition("""
            SELECT a.id AS Id, a.commitment_id AS CommitmentId, p.number AS ProjectNumber, i.name AS InvestorName, c.kind AS Kind, c.clause AS OldClause,
                   c.value_cny AS OldValueCny, a.clause AS Clause, a.value_cny AS ValueCny, a.policy_title AS PolicyTitle, a.policy_number AS PolicyNumber,
                   a.contract_ref AS ContractRef, a.reason AS Reason, a.widens AS Widens, a.pending_reason AS PendingReason, a.status AS Status,
                   rq.display_name AS RequestedBy, a.requested_at AS RequestedAt, rv.display_name AS ReviewedBy, a.opinion AS Opinion, a.version AS Version
            FROM commitment_amendments a JOIN commitments c ON c.id = a.commitment_id JOIN projects p ON p.id = c.project_id
            JOIN investors i ON i.id = c.investor_id JOIN users rq ON rq.id = a.requested_by LEFT JOIN users rv ON rv.id = a.reviewed_by
            WHERE (@CommitmentId::uuid IS NOT NULL AND a.commitment_id = @CommitmentId OR @CommitmentId::uuid IS NULL AND a.status = 'Pending')
              AND (@scope::uuid IS NULL OR c.unit_id = @scope)
            ORDER BY CASE WHEN @CommitmentId::uuid IS NULL THEN a.requested_at END, a.requested_at DESC
            LIMIT 500
            """, new { r.CommitmentId, scope = Crm.CrmAccess.UnitScope(actor.Actor) }, cancellationToken: ct))).ToList();
    }
}
