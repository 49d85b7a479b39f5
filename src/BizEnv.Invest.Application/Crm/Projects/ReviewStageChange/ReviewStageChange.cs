using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;
using MediatR;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Crm.Projects.Grain;
using Orleans;

namespace BizEnv.Invest.Application.Crm.Projects.ReviewStageChange;

/// <summary>
/// A leader reviews a pending stage change (in units that require review): approve, or reject with an
/// opinion — a rejected change puts the project back to the stage it came from. The row keeps the review.
/// </summary>
[AllowRoles(Role.Leader)]
public sealed record ReviewStageChange(Guid ProjectId, Guid StageChangeId, bool Approve, string? Opinion) : ICommand<ProjectSummary>, IGrainCommand;

public sealed class ReviewStageChangeValidator : AbstractValidator<ReviewStageChange>
{
    public ReviewStageChangeValidator()
    {
        RuleFor(x => x.Opinion).NotEmpty().WithText("review.opinion_required").When(x => !x.Approve);
        RuleFor(x => x.Opinion).MaximumLength(2000).WithText("field.too_long", 2000);
    }
}

public sealed class ReviewStageChangeHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<ReviewStageChange, ProjectSummary>
{
    public async Task<ProjectSummary> Handle(ReviewStageChange r, CancellationToken ct)
    {
        audit.Target("project", r.ProjectId, r.Approve ? "stage approved" : "stage rejected");
        await ProjectLoad.ForRead(await db.ConnectionAsync(ct), actor.Actor, r.ProjectId, ct);
        var reply = await grains.GetGrain<IProjectGrain>(r.ProjectId).ReviewStage(
            new StageReview(r.StageChangeId, r.Approve, r.Opinion, actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<ProjectSummary>();
    }
}
