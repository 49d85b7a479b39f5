using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Concierge.GetConciergeCaseload;

/// <summary>Each officer's current concierge cases as A and as B (the unit's officers; everyone for readers of everything).</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record GetConciergeCaseload : IQuery<IReadOnlyList<CaseloadDto>>;

public sealed record CaseloadDto(Guid UserId, string DisplayName, string UnitName, long AsA, long AsB);

public sealed class GetConciergeCaseloadHandler(IDbSession db, ActorContext actor) : IRequestHandler<GetConciergeCaseload, IReadOnlyList<CaseloadDto>>
{
    public async Task<IReadOnlyList<CaseloadDto>> Handle(GetConciergeCaseload r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        return (await cn.QueryAsync<CaseloadDto>(new CommandDefinition("""
            SELECT * FROM (
                SELECT u.id AS UserId, u.display_name AS DisplayName, unit_name(un.name_zh, un.name_en) AS UnitName,
                       (SELECT count(*) FROM concierge_assignments c WHERE c.a_user_id = u.id AND c.ended_at IS NULL) AS AsA,
                       (SELECT count(*) FROM concierge_assignments c WHERE c.b_user_id = u.id AND c.ended_at IS NULL) AS AsB
                FROM users u JOIN units un ON un.id = u.unit_id
                WHERE 'PromotionOfficer' = ANY(u.roles) AND NOT u.is_disabled AND (@unit::uuid IS NULL OR u.unit_id = @unit)
            ) load
            -- output names cannot be used inside an ORDER BY expression, hence the derived table
            ORDER BY load.AsA + load.AsB DESC, load.DisplayName
            """, new { unit = CrmAccess.UnitScope(actor.Actor) }, cancellationToken: ct))).ToList();
    }
}
