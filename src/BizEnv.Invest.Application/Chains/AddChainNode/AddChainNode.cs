using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Chains.Grain;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Chains.AddChainNode;

/// <summary>
/// An editor adds a node to a chain: a new one (name, description, GB/T 4754 codes) or, with
/// <see cref="ExistingNodeId"/>, a node another chain already has — it is then shared, not copied, so its
/// local firms count in both. <see cref="IsExtension"/> marks a link added to extend the chain (延链).
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record AddChainNode(
    Guid ChainId, Guid? ExistingNodeId, string? Name, string? Description, IReadOnlyList<string>? IndustryCodes, ChainSegment Segment, bool IsExtension)
    : ICommand<Guid>, IChainNodeFields, IGrainCommand;

public sealed class AddChainNodeValidator : AbstractValidator<AddChainNode>
{
    public AddChainNodeValidator()
    {
        When(x => x.ExistingNodeId is null, () => Include(new ChainNodeFieldsValidator()));
        RuleFor(x => x.Segment).IsInEnum().WithText("chain.segment_unknown");
    }
}

public sealed class AddChainNodeHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<AddChainNode, Guid>
{
    public async Task<Guid> Handle(AddChainNode r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var name = r.ExistingNodeId is { } existing
            ? await cn.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT name FROM chain_nodes WHERE id = @existing", new { existing }, cancellationToken: ct))
            : r.Name?.Trim();
        audit.Target("chain", r.ChainId, name);
        await ChainAccess.EnsureEditor(cn, actor.Actor, r.ChainId, ct);
        var reply = await grains.GetGrain<IChainGrain>(r.ChainId).AddNode(
            new NewChainNode(r.ExistingNodeId, r.Name, r.Description, [.. r.IndustryCodes ?? []], r.Segment, r.IsExtension, actor.Actor.UserId!.Value),
            CommandContext.For(actor, audit, r));
        return reply.Result<Guid>();
    }
}
