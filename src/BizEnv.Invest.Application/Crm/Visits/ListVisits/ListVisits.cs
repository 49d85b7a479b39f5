using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Visits.ListVisits;

/// <summary>
/// Visits logged by the actor's unit (all units for readers of everything), newest first. For one
/// firm (<see cref="InvestorId"/>) every unit's visits are listed: that is how duplicate visits are avoided.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record ListVisits(Guid? InvestorId = null, int Page = 1, int PageSize = 20) : IQuery<Page<VisitDto>>;

public sealed record VisitDto(Guid Id, DateOnly VisitedOn, string UnitName, Guid InvestorId, string InvestorName, string? ProjectNumber,
    string Purpose, string? Notes, string Officers, long OpenDemands, long Demands);

public sealed class ListVisitsHandler(IDbSession db, ActorContext actor) : IRequestHandler<ListVisits, Page<VisitDto>>
{
    public async Task<Page<VisitDto>> Handle(ListVisits r, CancellationToken ct)
    {
        var (page, size, offset) = Paging.Normalize(r.Page, r.PageSize);
        var args = new { unit = r.InvestorId is null ? CrmAccess.UnitScope(actor.Actor) : null, r.InvestorId, size, offset };
        const string where = " WHERE (@unit::uuid IS NULL OR v.unit_id = @unit) AND (@InvestorId::uuid IS NULL OR v.investor_id = @InvestorId)";
        var cn = await db.ConnectionAsync(ct);
        var total = await cn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM visits v" + where, args, cancellationToken: ct));
        var rows = await cn.QueryAsync<VisitDto>(new CommandDefinition($"""
            SELECT v.id AS Id, v.visited_on AS VisitedOn, unit_name(u.name_zh, u.name_en) AS UnitName, v.investor_id AS InvestorId, i.name AS InvestorName, p.number AS ProjectNumber,
                   v.purpose AS Purpose, v.notes AS Notes,
                   (SELECT string_agg(us.display_name, '、' ORDER BY us.display_name) FROM visit_officers vo JOIN users us ON us.id = vo.user_id WHERE vo.visit_id = v.id) AS Officers,
                   (SELECT count(*) FROM demands d WHERE d.visit_id = v.id AND d.status = 'Open') AS OpenDemands,
                   (SELECT count(*) FROM demands d WHERE d.visit_id = v.id) AS Demands
            FROM visits v JOIN units u ON u.id = v.unit_id JOIN investors i ON i.id = v.investor_id LEFT JOIN projects p ON p.id = v.project_id
            {where} ORDER BY v.visited_on DESC, v.created_at DESC LIMIT @size OFFSET @offset
            """, args, cancellationToken: ct));
        return new Page<VisitDto>(rows.ToList(), total, page, size);
    }
}
