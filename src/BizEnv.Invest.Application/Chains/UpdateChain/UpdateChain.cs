using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Chains.Grain;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Chains.UpdateChain;

/// <summary>An editor renames a chain, describes it, or changes its thresholds (every node's status follows at once).</summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record UpdateChain(Guid Id, string Name, string? Description, int StrongMinFirms, int WeakMinFirms, decimal? StrongMinInvestment, int Version)
    : ICommand<Done>, IChainFields, IGrainCommand;

public sealed class UpdateChainValidator : AbstractValidator<UpdateChain>
{
    public UpdateChainValidator() => Include(new ChainFieldsValidator());
}

public sealed class UpdateChainHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<UpdateChain, Done>
{
    public async Task<Done> Handle(UpdateChain r, CancellationToken ct)
    {
        audit.Target("chain", r.Id, $"{r.Name.Trim()} · {r.StrongMinFirms}/{r.WeakMinFirms}/{r.StrongMinInvestment}");
        await ChainAccess.EnsureEditor(await db.ConnectionAsync(ct), actor.Actor, r.Id, ct);
        var reply = await grains.GetGrain<IChainGrain>(r.Id).Revise(
            new ChainSettings(r.Name, r.Description, r.StrongMinFirms, r.WeakMinFirms, r.StrongMinInvestment, r.Version, actor.Actor.UserId!.Value),
            CommandContext.For(actor, audit, r));
        return reply.Result<Done>();
    }
}
