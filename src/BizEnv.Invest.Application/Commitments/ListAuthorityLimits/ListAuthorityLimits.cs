using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.ListAuthorityLimits;

[AllowRoles(Role.Admin, Role.Leader, Role.IntegrityOfficer)]
public sealed record ListAuthorityLimits : IQuery<IReadOnlyList<AuthorityLimitDto>>;

public sealed record AuthorityLimitDto(Guid UnitId, string UnitName, string Role, string Kind, decimal? MaxValue);

public sealed class ListAuthorityLimitsHandler(IDbSession db) : IRequestHandler<ListAuthorityLimits, IReadOnlyList<AuthorityLimitDto>>
{
    public async Task<IReadOnlyList<AuthorityLimitDto>> Handle(ListAuthorityLimits r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        return (await cn.QueryAsync<AuthorityLimitDto>(new CommandDefinition("""
            SELECT a.unit_id AS UnitId, unit_name(u.name_zh, u.name_en) AS UnitName, a.role AS Role, a.kind AS Kind, a.max_value AS MaxValue
            FROM authority_limits a JOIN units u ON u.id = a.unit_id ORDER BY u.name_zh, a.role, a.kind
            """, cancellationToken: ct))).ToList();
    }
}
