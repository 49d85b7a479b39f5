using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Defaults.Grain;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Defaults.CloseDefault;

/// <summary>An officer closes a default with a reason (written off: the agreement terminated, the land taken back, nothing more to recover).</summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record CloseDefault(Guid DefaultId, string Reason, int Version) : ICommand<DefaultState>, IGrainCommand;

public sealed class CloseDefaultValidator : AbstractValidator<CloseDefault>
{
    public CloseDefaultValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().WithText("default.close_reason_required").MaximumLength(1000).WithText("field.too_long", 1000);
    }
}

public sealed class CloseDefaultHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<CloseDefault, DefaultState>
{
    public async Task<DefaultState> Handle(CloseDefault r, CancellationToken ct)
    {
        audit.Target("default", r.DefaultId, r.Reason);
        var obligationId = await DefaultAccess.EnsureWorkAsync(await db.ConnectionAsync(ct), actor.Actor, r.DefaultId, ct);
        var reply = await grains.GetGrain<IObligationDefaultGrain>(obligationId).Close(
            new DefaultClosure(r.DefaultId, r.Reason, r.Version, actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<DefaultState>();
    }
}
