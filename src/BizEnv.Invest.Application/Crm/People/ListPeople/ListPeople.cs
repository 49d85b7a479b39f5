using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm.Investors;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Crm.People.ListPeople;

/// <summary>Active colleagues for pickers (visit officers, demand owners, concierge A/B, responsible leader).</summary>
[AllowRoles(Domain.Identity.Role.PromotionOfficer, Domain.Identity.Role.Leader, Domain.Identity.Role.IntegrityOfficer, Domain.Identity.Role.Admin)]
public sealed record ListPeople(Role? Role = null) : IQuery<IReadOnlyList<OfficerRef>>;

public sealed class ListPeopleHandler(IDbSession db) : IRequestHandler<ListPeople, IReadOnlyList<OfficerRef>>
{
    public async Task<IReadOnlyList<OfficerRef>> Handle(ListPeople r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        return (await cn.QueryAsync<OfficerRef>(new CommandDefinition("""
            SELECT u.id AS Id, u.display_name AS DisplayName, unit_name(un.name_zh, un.name_en) AS UnitName FROM users u JOIN units un ON un.id = u.unit_id
            WHERE NOT u.is_disabled AND (@role::text IS NULL OR @role = ANY (u.roles)) ORDER BY un.name_zh, u.display_name
            """, new { role = r.Role?.ToString() }, cancellationToken: ct))).ToList();
    }
}
