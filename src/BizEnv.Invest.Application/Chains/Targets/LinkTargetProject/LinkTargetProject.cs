using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Chains.Targets.LinkTargetProject;

/// <summary>
/// An officer links one of their unit's projects with the target's firm to the target. The project
/// then belongs to the target's node (that is where it counts), and the target is at least 洽谈中;
/// once the project is signed the target reads as signed and the firm is local at the node.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record LinkTargetProject(Guid Id, Guid ProjectId) : ICommand<ChainTargetSummary>;

public sealed class LinkTargetProjectValidator : AbstractValidator<LinkTargetProject>
{
    public LinkTargetProjectValidator() => RuleFor(x => x.ProjectId).NotEmpty().WithText("chain.target_project_required");
}

public sealed class LinkTargetProjectHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock)
    : IRequestHandler<LinkTargetProject, ChainTargetSummary>
{
    public async Task<ChainTargetSummary> Handle(LinkTargetProject r, CancellationToken ct)
    {
        var me = actor.Actor;
        audit.Target("chain_target", r.Id, r.ProjectId.ToString());
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        var target = await TargetLoad.ForWrite(cn, tx, me, r.Id, null, ct);
        ChainTargetRules.EnsureOpen(target.StoredStatus);
        if (target.InvestorId is null)
            throw new DomainException("chain.target_needs_investor", target.Name);
        var project = await cn.QuerySingleOrDefaultAsync<(Guid UnitId, Guid InvestorId, string Number, string Stage, Guid? TargetId)?>(new CommandDefinition(
            "SELECT unit_id, investor_id, number, stage, chain_target_id FROM projects WHERE id = @ProjectId FOR UPDATE", r, tx, cancellationToken: ct))
            ?? throw new NotFoundException("project", r.ProjectId);
        CrmAccess.EnsureWrite(me, project.UnitId, "project", r.ProjectId);
        var (_, investor, number, stage, linked) = project;
        audit.Target("chain_target", r.Id, $"{target.Name} · {number}");
        if (investor != target.InvestorId)
            throw ValidationText.FieldError(nameof(r.ProjectId), "chain.target_project_other_firm", number, target.Name);
        if (stage == nameof(Domain.Crm.ProjectStage.Terminated))
            throw ValidationText.FieldError(nameof(r.ProjectId), "chain.target_project_terminated", number);
        if (linked is { } other)
            throw ValidationText.FieldError(nameof(r.ProjectId), other == r.Id ? "chain.target_project_already" : "chain.target_project_other_target", number);
        var now = clock.GetUtcNow();
        await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE projects SET chain_target_id = @Id, chain_node_id = @node, updated_at = @now, version = version + 1 WHERE id = @ProjectId
            """, new { r.Id, r.ProjectId, node = target.NodeId, now }, tx, cancellationToken: ct));
        await TargetLoad.Touch(cn, tx, r.Id, ChainTargetRules.AfterProjectLinked(target.StoredStatus), now, ct);
        return await TargetLoad.Reload(cn, tx, r.Id, ct);
    }
}
