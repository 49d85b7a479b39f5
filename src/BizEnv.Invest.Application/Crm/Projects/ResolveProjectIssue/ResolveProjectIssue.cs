using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;
using MediatR;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Crm.Projects.Grain;
using Orleans;

namespace BizEnv.Invest.Application.Crm.Projects.ResolveProjectIssue;

[AllowRoles(Role.PromotionOfficer)]
public sealed record ResolveProjectIssue(Guid ProjectId, Guid IssueId, string Resolution) : ICommand<Done>, IGrainCommand;

public sealed class ResolveProjectIssueValidator : AbstractValidator<ResolveProjectIssue>
{
    public ResolveProjectIssueValidator() =>
        RuleFor(x => x.Resolution).NotEmpty().WithText("issue.resolution_required").MaximumLength(2000).WithText("field.too_long", 2000);
}

public sealed class ResolveProjectIssueHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<ResolveProjectIssue, Done>
{
    public async Task<Done> Handle(ResolveProjectIssue r, CancellationToken ct)
    {
        audit.Target("project", r.ProjectId, $"issue {r.IssueId} resolved");
        await ProjectLoad.ForWrite(await db.ConnectionAsync(ct), actor.Actor, r.ProjectId, ct);
        var reply = await grains.GetGrain<IProjectGrain>(r.ProjectId).ResolveIssue(new IssueResolution(r.IssueId, r.Resolution), CommandContext.For(actor, audit, r));
        return reply.Result<Done>();
    }
}
