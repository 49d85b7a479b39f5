using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Chains.Grain;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Chains.UpdateChainNode;

/// <summary>
/// An editor changes a node: its name, description and codes (shared by every chain that has the
/// node, which hear of it) and its segment and 延链 flag in this chain. <see cref="Version"/> is the node's.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record UpdateChainNode(
    Guid ChainId, Guid NodeId, string? Name, string? Description, IReadOnlyList<string>? IndustryCodes, ChainSegment Segment, bool IsExtension, int Version)
    : ICommand<Done>, IChainNodeFields, IGrainCommand;

public sealed class UpdateChainNodeValidator : AbstractValidator<UpdateChainNode>
{
    public UpdateChainNodeValidator() => Include(new ChainNodeFieldsValidator());
}

public sealed class UpdateChainNodeHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<UpdateChainNode, Done>
{
    public async Task<Done> Handle(UpdateChainNode r, CancellationToken ct)
    {
        audit.Target("chain", r.ChainId, r.Name!.Trim());
        await ChainAccess.EnsureEditor(await db.ConnectionAsync(ct), actor.Actor, r.ChainId, ct);
        var reply = await grains.GetGrain<IChainGrain>(r.ChainId).UpdateNode(
            new ChainNodeChange(r.NodeId, r.Name, r.Description, [.. r.IndustryCodes ?? []], r.Segment, r.IsExtension, r.Version), CommandContext.For(actor, audit, r));
        return reply.Result<Done>();
    }
}
