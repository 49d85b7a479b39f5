using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Remediation.GetRemediationSummary;

/// <summary>Progress of the pre-2018 list per responsible unit (items not yet assigned count under the promising unit).</summary>
[AllowRoles(Role.IntegrityOfficer, Role.Leader, Role.Admin)]
public sealed record GetRemediationSummary : IQuery<IReadOnlyList<RemediationUnitProgress>>;

public sealed record RemediationUnitProgress(Guid UnitId, string UnitName, int Items, int Planned, int SignedOff, int Overdue, decimal AverageProgress)
{
    public decimal SignedOffShare => RemediationRules.SignedOffShare(SignedOff, Items);
}

public sealed class GetRemediationSummaryHandler(IDbSession db, TimeProvider clock) : IRequestHandler<GetRemediationSummary, IReadOnlyList<RemediationUnitProgress>>
{
    public async Task<IReadOnlyList<RemediationUnitProgress>> Handle(GetRemediationSummary r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        return (await cn.QueryAsync<RemediationUnitProgress>(new CommandDefinition("""
            SELECT u.id AS UnitId, unit_name(u.name_zh, u.name_en) AS UnitName, count(*)::int AS Items,
                   count(*) FILTER (WHERE r.plan IS NOT NULL)::int AS Planned,
                   count(*) FILTER (WHERE r.status = 'SignedOff')::int AS SignedOff,
                   count(*) FILTER (WHERE r.status = 'Open' AND r.deadline IS NOT NULL AND @today > r.deadline)::int AS Overdue,
                   round(avg(r.progress_percent), 1) AS AverageProgress
            FROM remediation_items r JOIN commitments c ON c.id = r.commitment_id JOIN units u ON u.id = coalesce(r.responsible_unit, c.unit_id)
            GROUP BY u.id, u.name_zh ORDER BY u.name_zh
            """, new { today = clock.Today() }, cancellationToken: ct))).ToList();
    }
}
