using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Defaults.Grain;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Defaults.SetDefaultAmount;

/// <summary>The amount to recover once the remedy has run, where the agreement did not fix it (or to correct it), with a note.</summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record SetDefaultAmount(Guid DefaultId, decimal Amount, string? Note, int Version) : ICommand<DefaultState>, IGrainCommand;

public sealed class SetDefaultAmountValidator : AbstractValidator<SetDefaultAmount>
{
    public SetDefaultAmountValidator()
    {
        RuleFor(x => x.Amount).GreaterThanOrEqualTo(0).WithText("field.not_negative").LessThan(1_000_000_000_000m).WithText("field.amount_too_large");
        RuleFor(x => x.Note).MaximumLength(1000).WithText("field.too_long", 1000);
    }
}

public sealed class SetDefaultAmountHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<SetDefaultAmount, DefaultState>
{
    public async Task<DefaultState> Handle(SetDefaultAmount r, CancellationToken ct)
    {
        audit.Target("default", r.DefaultId, $"amount due {r.Amount}");
        var obligationId = await DefaultAccess.EnsureWorkAsync(await db.ConnectionAsync(ct), actor.Actor, r.DefaultId, ct);
        var reply = await grains.GetGrain<IObligationDefaultGrain>(obligationId).SetAmount(
            new DefaultAmount(r.DefaultId, r.Amount, r.Note, r.Version, actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<DefaultState>();
    }
}
