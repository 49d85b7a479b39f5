using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm.Projects;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Concierge.GetConciergeHistory;

/// <summary>Every A/B assignment of a project, the current one first, with handover reasons (an officer who left leaves the side empty).</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record GetConciergeHistory(Guid ProjectId) : IQuery<IReadOnlyList<ConciergeAssignmentDto>>;

public sealed record ConciergeAssignmentDto(Guid? AUserId, string? AName, Guid? BUserId, string? BName, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? HandoverReason, string AssignedBy);

public sealed class GetConciergeHistoryHandler(IDbSession db, ActorContext actor) : IRequestHandler<GetConciergeHistory, IReadOnlyList<ConciergeAssignmentDto>>
{
    public async Task<IReadOnlyList<ConciergeAssignmentDto>> Handle(GetConciergeHistory r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        await ProjectLoad.ForRead(cn, actor.Actor, r.ProjectId, ct);
        return (await cn.QueryAsync<ConciergeAssignmentDto>(new CommandDefinition("""
            SELECT c.a_user_id AS AUserId, a.display_name AS AName, c.b_user_id AS BUserId, b.display_name AS BName, c.started_at AS StartedAt,
                   c.ended_at AS EndedAt, c.handover_reason AS HandoverReason, s.display_name AS AssignedBy
            FROM concierge_assignments c LEFT JOIN users a ON a.id = c.a_user_id LEFT JOIN users b ON b.id = c.b_user_id JOIN users s ON s.id = c.assigned_by
            WHERE c.project_id = @ProjectId ORDER BY c.ended_at IS NULL DESC, c.started_at DESC
            """, new { r.ProjectId }, cancellationToken: ct))).ToList();
    }
}
