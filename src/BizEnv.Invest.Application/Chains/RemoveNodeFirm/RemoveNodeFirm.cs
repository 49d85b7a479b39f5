using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Chains.ConfirmNodeFirm;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Chains.RemoveNodeFirm;

/// <summary>
/// An editor takes a firm off a node: a confirmed firm stops counting from today (past periods still
/// count it), a suggestion is dismissed and not offered again.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record RemoveNodeFirm(Guid ChainId, Guid NodeId, Guid InvestorId) : ICommand<Done>;

public sealed class RemoveNodeFirmHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<RemoveNodeFirm, Done>
{
    public async Task<Done> Handle(RemoveNodeFirm r, CancellationToken ct)
    {
        audit.Target("chain", r.ChainId, r.InvestorId.ToString());
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        var (node, firm) = await NodeFirmLoad.Load(cn, tx, actor.Actor, r.ChainId, r.NodeId, r.InvestorId, ct);
        audit.Target("chain", r.ChainId, $"{node} · {firm.Name}");
        if (firm.Status == "Dismissed")
            throw new DomainException("chain.firm_already_dismissed", firm.Name, node);
        var now = clock.GetUtcNow();
        await cn.ExecuteAsync(new CommandDefinition(firm.Status == "Confirmed"
            ? "UPDATE chain_node_firms SET status = 'Removed', removed_on = greatest(@today, confirmed_on), decided_by = @by, decided_at = @now WHERE node_id = @NodeId AND investor_id = @InvestorId AND status = 'Confirmed'"
            : "INSERT INTO chain_node_firms (id, node_id, investor_id, status, decided_by, decided_at) VALUES (@id, @NodeId, @InvestorId, 'Dismissed', @by, @now)",
            new { id = Guid.NewGuid(), r.NodeId, r.InvestorId, today = clock.Today(), by = actor.Actor.UserId, now }, tx, cancellationToken: ct));
        return Done.Value;
    }
}
