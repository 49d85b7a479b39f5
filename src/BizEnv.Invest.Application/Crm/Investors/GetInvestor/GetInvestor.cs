using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Crm;
using Dapper;
using BizEnv.Invest.Domain.Identity;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Investors.GetInvestor;

/// <summary>
/// One investor with contacts, linked officers, group companies, projects, and the recent visits to
/// the firm by any unit — so nobody turns up at a firm that another unit saw last week. The firm
/// registry is shared: every CRM user may read any firm; only the owning unit edits it, and the
/// projects listed are those the reader may open. A unit's internal notes and its private contacts
/// are read only by that unit and the integrity office (<see cref="CrmAccess.PrivateScope"/>): the
/// filter is in the SQL, so no other reader's answer ever holds them.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record GetInvestor(Guid Id) : IQuery<InvestorDetail>;

public sealed class GetInvestorHandler(IDbSession db, ActorContext actor) : IRequestHandler<GetInvestor, InvestorDetail>
{
    public async Task<InvestorDetail> Handle(GetInvestor r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var row = await cn.QuerySingleOrDefaultAsync<InvestorRow>(new CommandDefinition(InvestorRow.Select + " WHERE i.id = @Id", new { r.Id }, cancellationToken: ct))
            ?? throw new NotFoundException("investor", r.Id);

        var me = actor.Actor;
        using var grid = await cn.QueryMultipleAsync(new CommandDefinition($"""
            SELECT i.parent_id, p.name FROM investors i LEFT JOIN investors p ON p.id = i.parent_id WHERE i.id = @Id;
            {UnitNoteView.Select} WHERE n.investor_id = @Id AND {CrmAccess.VisibleSql("n.unit_id")} ORDER BY n.unit_id = @myUnit DESC, u.name_zh;
            {ContactView.Select} WHERE c.investor_id = @Id AND {CrmAccess.VisibleSql("c.private_to_unit")} ORDER BY c.sort;
            SELECT us.id AS Id, us.display_name AS DisplayName, unit_name(un.name_zh, un.name_en) AS UnitName
              FROM investor_officers o JOIN users us ON us.id = o.user_id JOIN units un ON un.id = us.unit_id WHERE o.investor_id = @Id ORDER BY us.display_name;
            SELECT c.id AS Id, c.name AS Name, c.credit_code AS CreditCode, unit_name(u.name_zh, u.name_en) AS UnitName
              FROM investors c JOIN units u ON u.id = c.unit_id WHERE c.parent_id = @Id ORDER BY c.name;
            SELECT id AS Id, number AS Number, name AS Name, stage AS Stage, planned_investment AS PlannedInvestment
              FROM projects WHERE investor_id = @Id AND (@unit::uuid IS NULL OR unit_id = @unit) ORDER BY created_at DESC;
            SELECT v.id AS Id, v.visited_on AS VisitedOn, unit_name(u.name_zh, u.name_en) AS UnitName,
                   (SELECT string_agg(us.display_name, '、' ORDER BY us.display_name) FROM visit_officers vo JOIN users us ON us.id = vo.user_id WHERE vo.visit_id = v.id) AS Officers,
                   v.purpose AS Purpose
              FROM visits v JOIN units u ON u.id = v.unit_id WHERE v.investor_id = @Id ORDER BY v.visited_on DESC, v.created_at DESC LIMIT 20;
            """, new { r.Id, unit = CrmAccess.UnitScope(me), privateScope = CrmAccess.PrivateScope(me), myUnit = me.UnitId }, cancellationToken: ct));
        var parent = await grid.ReadSingleAsync<(Guid? ParentId, string? ParentName)>();
        var notes = (await grid.ReadAsync<UnitNoteView>()).ToList();
        var contacts = (await grid.ReadAsync<ContactView>()).ToList();
        var officers = (await grid.ReadAsync<OfficerRef>()).ToList();
        var children = (await grid.ReadAsync<InvestorBrief>()).ToList();
        var projects = (await grid.ReadAsync<(Guid Id, string Number, string Name, string Stage, decimal PlannedInvestment)>())
            .Select(p => new ProjectBrief(p.Id, p.Number, p.Name, Enum.Parse<ProjectStage>(p.Stage), p.PlannedInvestment)).ToList();
        var visits = (await grid.ReadAsync<VisitBrief>()).ToList();
        return new InvestorDetail(row.ToDto(), parent.ParentId, parent.ParentName, notes, contacts, officers, children, projects, visits,
            CrmAccess.MayWrite(me, row.UnitId), me.UnitId, SaveUnitNote.SaveUnitNoteHandler.MayKeep(me));
    }
}
