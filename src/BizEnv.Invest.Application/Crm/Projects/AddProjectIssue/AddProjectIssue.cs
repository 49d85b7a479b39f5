using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;
using MediatR;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Crm.Projects.Grain;
using Orleans;

namespace BizEnv.Invest.Application.Crm.Projects.AddProjectIssue;

/// <summary>An item on a key project's issue list 问题清单 ("five ones"), with an owner and a due date.</summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record AddProjectIssue(Guid ProjectId, string Description, Guid OwnerId, DateOnly DueDate) : ICommand<Guid>, IGrainCommand;

public sealed class AddProjectIssueValidator : AbstractValidator<AddProjectIssue>
{
    public AddProjectIssueValidator()
    {
        RuleFor(x => x.Description).NotEmpty().WithText("issue.description_required").MaximumLength(1000).WithText("field.too_long", 1000);
        RuleFor(x => x.OwnerId).NotEmpty().WithText("issue.owner_required");
    }
}

public sealed class AddProjectIssueHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<AddProjectIssue, Guid>
{
    public async Task<Guid> Handle(AddProjectIssue r, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        audit.Target("project", r.ProjectId, $"issue {id}");
        await ProjectLoad.ForWrite(await db.ConnectionAsync(ct), actor.Actor, r.ProjectId, ct);
        var reply = await grains.GetGrain<IProjectGrain>(r.ProjectId).AddIssue(
            new NewIssue(id, r.Description, r.OwnerId, r.DueDate, actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<Guid>();
    }
}
