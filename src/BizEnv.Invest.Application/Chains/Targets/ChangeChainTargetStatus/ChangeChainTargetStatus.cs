using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Chains.Grain;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Chains.Targets.ChangeChainTargetStatus;

/// <summary>
/// Move a target by hand: forward (已识别 → 已接触 → 洽谈中), dropped with a reason, or taken up again.
/// Signing is never declared here: it is the stage of the target's linked project.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record ChangeChainTargetStatus(Guid Id, ChainTargetStatus To, string? Reason, int Version) : ICommand<ChainTargetSummary>, IGrainCommand;

public sealed class ChangeChainTargetStatusValidator : AbstractValidator<ChangeChainTargetStatus>
{
    public ChangeChainTargetStatusValidator()
    {
        RuleFor(x => x.To).IsInEnum().WithText("chain.target_status_unknown");
        RuleFor(x => x.Reason).MaximumLength(1000).WithText("field.too_long", 1000);
        RuleFor(x => x.Reason).NotEmpty().When(x => x.To == ChainTargetStatus.Dropped).WithText("chain.target_drop_reason_required");
    }
}

public sealed class ChangeChainTargetStatusHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<ChangeChainTargetStatus, ChainTargetSummary>
{
    public async Task<ChainTargetSummary> Handle(ChangeChainTargetStatus r, CancellationToken ct)
    {
        audit.Target("chain_target", r.Id, $"→ {r.To}");
        var row = await TargetLoad.ForActor(await db.ConnectionAsync(ct), actor.Actor, r.Id, ct);
        audit.Target("chain_target", r.Id, $"{row.Name} → {r.To}");
        var reply = await grains.GetGrain<IChainGrain>(row.ChainId).ChangeTargetStatus(new TargetStatusChange(r.Id, r.To, r.Reason, r.Version),
            CommandContext.For(actor, audit, r));
        return reply.Result<ChainTargetSummary>();
    }
}
