using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm;
using BizEnv.Invest.Domain.Agreements;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Agreements.ListObligations;

/// <summary>
/// Investors' obligations the actor may see, filtered by status, kind and the agreement's government unit;
/// the soonest due first (settled ones after the open).
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record ListObligations(ObligationStatus? Status, ObligationKind? Kind, Guid? UnitId, int Page = 1, int PageSize = 20) : IQuery<Page<ObligationRow>>;

public sealed class ListObligationsHandler(IDbSession db, ActorContext actor) : IRequestHandler<ListObligations, Page<ObligationRow>>
{
    public async Task<Page<ObligationRow>> Handle(ListObligations r, CancellationToken ct)
    {
        var (page, size, offset) = Paging.Normalize(r.Page, r.PageSize);
        const string from = """
             FROM obligations o
             JOIN agreements a ON a.id = o.agreement_id
             JOIN projects p ON p.id = a.project_id
             JOIN units u ON u.id = a.unit_id
             WHERE (@scope::uuid IS NULL OR p.unit_id = @scope)
               AND (@status::text IS NULL OR o.status = @status)
               AND (@kind::text IS NULL OR o.kind = @kind)
               AND (@unit::uuid IS NULL OR a.unit_id = @unit)
            """;
        var args = new { scope = CrmAccess.UnitScope(actor.Actor), status = r.Status?.ToString(), kind = r.Kind?.ToString(), unit = r.UnitId, size, offset };
        var cn = await db.ConnectionAsync(ct);
        var total = await cn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*)" + from, args, cancellationToken: ct));
        var rows = await cn.QueryAsync<ObligationRow>(new CommandDefinition("""
            SELECT o.id AS Id, o.agreement_id AS AgreementId, a.number AS AgreementNumber, p.name AS ProjectName, unit_name(u.name_zh, u.name_en) AS UnitName,
                   o.kind AS Kind, o.description AS Description, o.target AS Target, o.unit AS Unit, o.due_date AS DueDate, o.progress AS Progress,
                   o.reached_on AS ReachedOn, o.status AS Status, o.met_on AS MetOn
            """ + from + " ORDER BY (o.status IN ('Met', 'Cured')), o.due_date, a.number, o.id LIMIT @size OFFSET @offset", args, cancellationToken: ct));
        return new Page<ObligationRow>(rows.ToList(), total, page, size);
    }
}
