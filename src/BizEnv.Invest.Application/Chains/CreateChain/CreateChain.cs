using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Chains.Grain;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Chains.CreateChain;

/// <summary>An admin opens a new chain (e.g. 新能源汽车) with its thresholds; editors then build its nodes and edges.</summary>
[AllowRoles(Role.Admin)]
public sealed record CreateChain(string Name, string? Description, int StrongMinFirms, int WeakMinFirms, decimal? StrongMinInvestment)
    : ICommand<Guid>, IChainFields, IGrainCommand;

public sealed class CreateChainValidator : AbstractValidator<CreateChain>
{
    public CreateChainValidator() => Include(new ChainFieldsValidator());
}

public sealed class CreateChainHandler(ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<CreateChain, Guid>
{
    public async Task<Guid> Handle(CreateChain r, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        audit.Target("chain", id, r.Name.Trim());
        var reply = await grains.GetGrain<IChainGrain>(id).Create(
            new ChainSettings(r.Name, r.Description, r.StrongMinFirms, r.WeakMinFirms, r.StrongMinInvestment, 0, actor.Actor.UserId!.Value),
            CommandContext.For(actor, audit, r));
        return reply.Result<Guid>();
    }
}
