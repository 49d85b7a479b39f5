using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Chains.ConfirmNodeFirm;
using BizEnv.Invest.Application.Chains.Grain;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Identity;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Chains.RemoveNodeFirm;

/// <summary>
/// An editor takes a firm off a node: a confirmed firm stops counting from today (past periods still
/// count it), a suggestion is dismissed and not offered again.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record RemoveNodeFirm(Guid ChainId, Guid NodeId, Guid InvestorId) : ICommand<Done>, IGrainCommand;

public sealed class RemoveNodeFirmHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<RemoveNodeFirm, Done>
{
    public async Task<Done> Handle(RemoveNodeFirm r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        audit.Target("chain", r.ChainId, await NodeFirmNames.Describe(cn, r.NodeId, r.InvestorId, ct));
        await ChainAccess.EnsureEditor(cn, actor.Actor, r.ChainId, ct);
        var reply = await grains.GetGrain<IChainGrain>(r.ChainId).DecideFirm(
            new NodeFirmDecision(r.NodeId, r.InvestorId, false, actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<Done>();
    }
}
