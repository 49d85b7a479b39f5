using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Chains.Grain;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Chains.AddChainEdge;

/// <summary>
/// An editor records that one node supplies another in a chain. The chain stays acyclic: an edge that
/// would close a loop is refused with the edge and the loop named (e.g. "电池模组 → 电芯" would make
/// 电池模组 → 电芯 → 电池模组). The chain's grain decides on the graph it holds, one change at a time, so
/// two editors (on any node of the cluster) cannot each add half a loop.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record AddChainEdge(Guid ChainId, Guid FromNodeId, Guid ToNodeId) : ICommand<Done>, IGrainCommand;

public sealed class AddChainEdgeValidator : AbstractValidator<AddChainEdge>
{
    public AddChainEdgeValidator()
    {
        RuleFor(x => x.FromNodeId).NotEmpty().WithText("chain.edge_from_required");
        RuleFor(x => x.ToNodeId).NotEmpty().WithText("chain.edge_to_required");
    }
}

public sealed class AddChainEdgeHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<AddChainEdge, Done>
{
    public async Task<Done> Handle(AddChainEdge r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        audit.Target("chain", r.ChainId, await ChainEdgeNames.Describe(cn, r.FromNodeId, r.ToNodeId, ct));
        await ChainAccess.EnsureEditor(cn, actor.Actor, r.ChainId, ct);
        var reply = await grains.GetGrain<IChainGrain>(r.ChainId).AddEdge(
            new ChainEdge(r.FromNodeId, r.ToNodeId, actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<Done>();
    }
}
