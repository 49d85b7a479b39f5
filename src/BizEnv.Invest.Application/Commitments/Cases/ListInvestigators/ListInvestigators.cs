using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Cases.ListInvestigators;

/// <summary>The active integrity officers a case can be assigned to.</summary>
[AllowRoles(Role.IntegrityOfficer)]
public sealed record ListInvestigators : IQuery<IReadOnlyList<InvestigatorDto>>;

public sealed record InvestigatorDto(Guid Id, string DisplayName, string UnitName);

public sealed class ListInvestigatorsHandler(IDbSession db) : IRequestHandler<ListInvestigators, IReadOnlyList<InvestigatorDto>>
{
    public async Task<IReadOnlyList<InvestigatorDto>> Handle(ListInvestigators r, CancellationToken ct) =>
        (await (await db.ConnectionAsync(ct)).QueryAsync<InvestigatorDto>(new CommandDefinition("""
            SELECT u.id AS Id, u.display_name AS DisplayName, unit_name(n.name_zh, n.name_en) AS UnitName FROM users u JOIN units n ON n.id = u.unit_id
            WHERE NOT u.is_disabled AND 'IntegrityOfficer' = ANY(u.roles) ORDER BY u.display_name
            """, cancellationToken: ct))).ToList();
}
