using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Defaults.Grain;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Defaults.RecordDefaultRecovery;

/// <summary>An amount recovered from the investor under the remedy, with its evidence; reaching the amount due closes the default.</summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record RecordDefaultRecovery(Guid DefaultId, decimal Amount, DateOnly ReceivedOn, string Evidence, int Version) : ICommand<DefaultState>, IGrainCommand;

public sealed class RecordDefaultRecoveryValidator : AbstractValidator<RecordDefaultRecovery>
{
    public RecordDefaultRecoveryValidator()
    {
        RuleFor(x => x.Amount).GreaterThan(0).WithText("default.recovery_amount_positive").LessThan(1_000_000_000_000m).WithText("field.amount_too_large");
        RuleFor(x => x.Evidence).NotEmpty().WithText("default.evidence_required").MaximumLength(1000).WithText("field.too_long", 1000);
    }
}

public sealed class RecordDefaultRecoveryHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<RecordDefaultRecovery, DefaultState>
{
    public async Task<DefaultState> Handle(RecordDefaultRecovery r, CancellationToken ct)
    {
        audit.Target("default", r.DefaultId, $"recovered {r.Amount}");
        var obligationId = await DefaultAccess.EnsureWorkAsync(await db.ConnectionAsync(ct), actor.Actor, r.DefaultId, ct);
        var reply = await grains.GetGrain<IObligationDefaultGrain>(obligationId).Recover(
            new DefaultRecovery(r.DefaultId, r.Amount, r.ReceivedOn, r.Evidence, r.Version, actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<DefaultState>();
    }
}
