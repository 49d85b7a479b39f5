using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;
using MediatR;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Crm.Projects.Grain;
using Orleans;

namespace BizEnv.Invest.Application.Crm.Projects.UpdateProject;

/// <summary>
/// Change a project's figures and its key-project "five ones" (leader, team, construction plan).
/// <see cref="Version"/> is the version the officer saw: two officers editing at once — one wins,
/// the other is told to reload (409).
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record UpdateProject(
    Guid Id, string Name, decimal PlannedInvestment, decimal? RegisteredCapital, int? Jobs, KeyProjectLevel KeyLevel,
    Guid? ResponsibleLeaderId, string? WorkingTeam, string? ConstructionPlan, int Version) : ICommand<ProjectSummary>, IProjectFields, IGrainCommand;

public sealed class UpdateProjectValidator : AbstractValidator<UpdateProject>
{
    public UpdateProjectValidator()
    {
        Include(new ProjectFieldsValidator());
        RuleFor(x => x.WorkingTeam).MaximumLength(500).WithText("field.too_long", 500);
        RuleFor(x => x.ConstructionPlan).MaximumLength(4000).WithText("field.too_long", 4000);
    }
}

public sealed class UpdateProjectHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<UpdateProject, ProjectSummary>
{
    public async Task<ProjectSummary> Handle(UpdateProject r, CancellationToken ct)
    {
        audit.Target("project", r.Id);
        await ProjectLoad.ForWrite(await db.ConnectionAsync(ct), actor.Actor, r.Id, ct);
        var reply = await grains.GetGrain<IProjectGrain>(r.Id).Edit(
            new ProjectEdit(r.Name, r.PlannedInvestment, r.RegisteredCapital, r.Jobs, r.KeyLevel, r.ResponsibleLeaderId, r.WorkingTeam, r.ConstructionPlan, r.Version),
            CommandContext.For(actor, audit, r));
        return reply.Result<ProjectSummary>();
    }
}
