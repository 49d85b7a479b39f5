using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Chains.Grain;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Crm;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Chains.Targets.LinkTargetProject;

/// <summary>
/// An officer links one of their unit's projects with the target's firm to the target. The project
/// then belongs to the target's node (that is where it counts), and the target is at least 洽谈中;
/// once the project is signed the target reads as signed and the firm is local at the node.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record LinkTargetProject(Guid Id, Guid ProjectId) : ICommand<ChainTargetSummary>, IGrainCommand;

public sealed class LinkTargetProjectValidator : AbstractValidator<LinkTargetProject>
{
    public LinkTargetProjectValidator() => RuleFor(x => x.ProjectId).NotEmpty().WithText("chain.target_project_required");
}

public sealed class LinkTargetProjectHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<LinkTargetProject, ChainTargetSummary>
{
    public async Task<ChainTargetSummary> Handle(LinkTargetProject r, CancellationToken ct)
    {
        var me = actor.Actor;
        audit.Target("chain_target", r.Id, r.ProjectId.ToString());
        var cn = await db.ConnectionAsync(ct);
        var target = await TargetLoad.ForActor(cn, me, r.Id, ct);
        var project = await cn.QuerySingleOrDefaultAsync<(Guid UnitId, string Number)?>(new CommandDefinition(
            "SELECT unit_id, number FROM projects WHERE id = @ProjectId", r, cancellationToken: ct)) ?? throw new NotFoundException("project", r.ProjectId);
        CrmAccess.EnsureWrite(me, project.UnitId, "project", r.ProjectId);
        audit.Target("chain_target", r.Id, $"{target.Name} · {project.Number}");
        var reply = await grains.GetGrain<IChainGrain>(target.ChainId).LinkTargetProject(new TargetProjectLink(r.Id, r.ProjectId), CommandContext.For(actor, audit, r));
        return reply.Result<ChainTargetSummary>();
    }
}
