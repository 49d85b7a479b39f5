using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;
using MediatR;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Crm.Projects.Grain;
using Orleans;

namespace BizEnv.Invest.Application.Crm.Projects.ChangeProjectStage;

/// <summary>
/// Move a project one stage forward (线索→洽谈→签约→注册→开工→投产), or terminate it with a reason.
/// Out-of-order moves are refused with the stage that would come next. The change is kept in the
/// project's stage history with its date and note; evidence files attach to it.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record ChangeProjectStage(Guid Id, ProjectStage To, DateOnly StageDate, string? Note, string? TerminationReason, int Version)
    : ICommand<StageChangeResult>, IGrainCommand;

public sealed record StageChangeResult(ProjectSummary Project, Guid StageChangeId);

public sealed class ChangeProjectStageValidator : AbstractValidator<ChangeProjectStage>
{
    public ChangeProjectStageValidator()
    {
        RuleFor(x => x.To).IsInEnum().WithText("project.stage_unknown");
        RuleFor(x => x.Note).MaximumLength(2000).WithText("field.too_long", 2000);
        RuleFor(x => x.TerminationReason).MaximumLength(2000).WithText("field.too_long", 2000);
    }
}

public sealed class ChangeProjectStageHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<ChangeProjectStage, StageChangeResult>
{
    public async Task<StageChangeResult> Handle(ChangeProjectStage r, CancellationToken ct)
    {
        audit.Target("project", r.Id, $"stage → {r.To}");
        await ProjectLoad.ForWrite(await db.ConnectionAsync(ct), actor.Actor, r.Id, ct);
        var reply = await grains.GetGrain<IProjectGrain>(r.Id).ChangeStage(
            new StageMove(r.To, r.StageDate, r.Note, r.TerminationReason, r.Version, actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<StageChangeResult>();
    }
}
