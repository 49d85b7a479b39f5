using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm.Projects;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;
using MediatR;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Crm.Projects.Grain;
using Orleans;

namespace BizEnv.Invest.Application.Crm.Concierge.AssignConcierge;

/// <summary>
/// Assign a project's concierge 店小二: an A officer and a B officer (different people; both required
/// for key projects). Replacing a current assignment is a handover and needs a reason; the previous
/// assignment stays in the history.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record AssignConcierge(Guid ProjectId, Guid AUserId, Guid? BUserId, string? HandoverReason) : ICommand<ProjectSummary>, IGrainCommand;

public sealed class AssignConciergeValidator : AbstractValidator<AssignConcierge>
{
    public AssignConciergeValidator()
    {
        RuleFor(x => x.AUserId).NotEmpty().WithText("concierge.a_required");
        RuleFor(x => x.BUserId).NotEqual(x => x.AUserId).WithText("concierge.a_equals_b").When(x => x.BUserId is not null);
        RuleFor(x => x.HandoverReason).MaximumLength(500).WithText("field.too_long", 500);
    }
}

public sealed class AssignConciergeHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<AssignConcierge, ProjectSummary>
{
    public async Task<ProjectSummary> Handle(AssignConcierge r, CancellationToken ct)
    {
        audit.Target("project", r.ProjectId, $"concierge A={r.AUserId} B={r.BUserId}");
        await ProjectLoad.ForWrite(await db.ConnectionAsync(ct), actor.Actor, r.ProjectId, ct);
        var reply = await grains.GetGrain<IProjectGrain>(r.ProjectId).AssignConcierge(
            new ConciergePairing(r.AUserId, r.BUserId, r.HandoverReason, actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<ProjectSummary>();
    }
}
