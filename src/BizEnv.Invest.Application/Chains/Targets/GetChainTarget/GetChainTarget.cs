using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Chains.Targets.GetChainTarget;

/// <summary>A target and its path: visits against it (every unit's), linked projects, and the node's status today.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.Admin)]
public sealed record GetChainTarget(Guid Id) : IQuery<ChainTargetDetail>, ICallsGrains;

public sealed class GetChainTargetHandler(IDbSession db, ActorContext actor, TimeProvider clock, Orleans.IGrainFactory grains) : IRequestHandler<GetChainTarget, ChainTargetDetail>
{
    public async Task<ChainTargetDetail> Handle(GetChainTarget r, CancellationToken ct)
    {
        var me = actor.Actor;
        var cn = await db.ConnectionAsync(ct);
        var row = await cn.QuerySingleOrDefaultAsync<TargetRow>(new CommandDefinition(TargetRow.Select + " WHERE t.id = @Id", r, cancellationToken: ct))
            ?? throw new NotFoundException("chain_target", r.Id);
        using var grid = await cn.QueryMultipleAsync(new CommandDefinition($"""
            SELECT v.id AS Id, v.visited_on AS VisitedOn, unit_name(u.name_zh, u.name_en) AS UnitName,
                   coalesce((SELECT string_agg(us.display_name, '、' ORDER BY us.display_name) FROM visit_officers vo JOIN users us ON us.id = vo.user_id
                              WHERE vo.visit_id = v.id), '') AS Officers,
                   v.purpose AS Purpose
              FROM visits v JOIN units u ON u.id = v.unit_id WHERE v.chain_target_id = @Id ORDER BY v.visited_on DESC, v.created_at DESC;
            SELECT p.id AS Id, p.number AS Number, p.name AS Name, p.stage AS Stage, p.stage_date AS StageDate, p.planned_investment AS PlannedInvestment,
                   CASE WHEN {ChainSql.IsSigned} THEN coalesce({ChainSql.SignedOn}, p.stage_date) END AS SignedOn, p.unit_id AS UnitId
              FROM projects p WHERE p.chain_target_id = @Id ORDER BY p.number;
            """, r, cancellationToken: ct));
        var visits = (await grid.ReadAsync<TargetVisitDto>()).ToList();
        var projects = (await grid.ReadAsync<(Guid Id, string Number, string Name, string Stage, DateOnly StageDate, decimal PlannedInvestment, DateOnly? SignedOn, Guid UnitId)>()).ToList();
        // Projects are a unit's records: officers see their own unit's, and only the count of the others.
        var readable = projects.Where(p => CrmAccess.MayRead(me, p.UnitId)).ToList();
        var node = await StoredStanding.NodeAsync(cn, grains, row.ChainId, row.NodeId, clock.Today(), ct);
        var canEdit = ChainAccess.MayEditTarget(me, row.UnitId, await ChainAccess.IsEditor(cn, null, me, row.ChainId, ct));
        return new ChainTargetDetail(row.ToDto(), await DroppedReason(cn, r.Id, ct), visits,
            readable.Select(p => new TargetProjectDto(p.Id, p.Number, p.Name, Enum.Parse<ProjectStage>(p.Stage), p.StageDate, p.PlannedInvestment, p.SignedOn)).ToList(),
            projects.Count - readable.Count, node.StatusValue, canEdit);
    }

    private static Task<string?> DroppedReason(Npgsql.NpgsqlConnection cn, Guid id, CancellationToken ct) =>
        cn.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT dropped_reason FROM chain_targets WHERE id = @id", new { id }, cancellationToken: ct));
}
