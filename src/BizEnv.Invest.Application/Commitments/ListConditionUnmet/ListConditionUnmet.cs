using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.ListConditionUnmet;

/// <summary>
/// Promises that fell due with an investor's condition unmet 条件未成就: not breaches, so never among the breach
/// alerts, but the integrity office sees them under their own label with the conditions still unmet (officers: their unit).
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record ListConditionUnmet : IQuery<IReadOnlyList<ConditionUnmetItem>>;

/// <summary>One condition-unmet promise: the promise and the obligations it still waits on.</summary>
public sealed record ConditionUnmetItem(CommitmentState Commitment, string? AgreementNumber, DateTimeOffset Since, IReadOnlyList<CommitmentConditionDto> Unmet);

public sealed class ListConditionUnmetHandler(IDbSession db, ActorContext actor) : IRequestHandler<ListConditionUnmet, IReadOnlyList<ConditionUnmetItem>>
{
    private sealed record Extra(Guid Id, string? AgreementNumber, DateTimeOffset Since);

    private sealed record ConditionRow(Guid CommitmentId, Guid ObligationId, string Kind, string Description, decimal? Target, string? Unit, DateOnly DueDate,
        decimal? Progress, DateOnly? ReachedOn, string Status, DateOnly? MetOn);

    public async Task<IReadOnlyList<ConditionUnmetItem>> Handle(ListConditionUnmet r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var args = new { unit = CrmAccess.UnitScope(actor.Actor) };
        const string waiting = "c.status = 'ConditionUnmet' AND (@unit::uuid IS NULL OR c.unit_id = @unit)";
        var rows = (await cn.QueryAsync<CommitmentRow>(new CommandDefinition(
            CommitmentRow.Select + $" WHERE {waiting} ORDER BY c.due_date, c.id LIMIT 500", args, cancellationToken: ct))).ToList();
        var ids = rows.Select(x => x.Id).ToArray();
        var extra = (await cn.QueryAsync<Extra>(new CommandDefinition("""
            SELECT c.id AS Id, a.number AS AgreementNumber, c.updated_at AS Since
            FROM commitments c LEFT JOIN agreements a ON a.id = c.agreement_id WHERE c.id = ANY(@ids)
            """, new { ids }, cancellationToken: ct))).ToDictionary(e => e.Id);
        var unmet = (await cn.QueryAsync<ConditionRow>(new CommandDefinition("""
            SELECT cc.commitment_id AS CommitmentId, o.id AS ObligationId, o.kind AS Kind, o.description AS Description, o.target AS Target, o.unit AS Unit,
                   o.due_date AS DueDate, o.progress AS Progress, o.reached_on AS ReachedOn, o.status AS Status, o.met_on AS MetOn
            FROM commitment_conditions cc JOIN obligations o ON o.id = cc.obligation_id
            WHERE cc.commitment_id = ANY(@ids) AND o.status NOT IN ('Met', 'Cured') ORDER BY o.due_date, o.id
            """, new { ids }, cancellationToken: ct))).ToLookup(c => c.CommitmentId);
        return [.. rows.Select(x => new ConditionUnmetItem(x.ToState(), extra[x.Id].AgreementNumber, extra[x.Id].Since,
            [.. unmet[x.Id].Select(c => new CommitmentConditionDto(c.ObligationId, c.Kind, c.Description, c.Target, c.Unit, c.DueDate, c.Progress, c.ReachedOn,
                c.Status, c.MetOn))]))];
    }
}
