using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Chains.ConfirmNodeFirm;

/// <summary>
/// An editor confirms a firm as local at a node — a suggestion from its industry code, or any
/// registered firm picked by hand. It counts from today; a suggestion dismissed earlier may still be confirmed.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record ConfirmNodeFirm(Guid ChainId, Guid NodeId, Guid InvestorId) : ICommand<Done>;

public sealed class ConfirmNodeFirmValidator : AbstractValidator<ConfirmNodeFirm>
{
    public ConfirmNodeFirmValidator() => RuleFor(x => x.InvestorId).NotEmpty().WithText("chain.firm_required");
}

public sealed class ConfirmNodeFirmHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<ConfirmNodeFirm, Done>
{
    public async Task<Done> Handle(ConfirmNodeFirm r, CancellationToken ct)
    {
        audit.Target("chain", r.ChainId, r.InvestorId.ToString());
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        var (node, firm) = await NodeFirmLoad.Load(cn, tx, actor.Actor, r.ChainId, r.NodeId, r.InvestorId, ct);
        audit.Target("chain", r.ChainId, $"{node} · {firm.Name}");
        if (firm.Status == "Confirmed")
            throw new DomainException("chain.firm_already_confirmed", firm.Name, node);
        var now = clock.GetUtcNow();
        await cn.ExecuteAsync(new CommandDefinition(firm.Status == "Dismissed"
            ? "UPDATE chain_node_firms SET status = 'Confirmed', confirmed_on = @today, decided_by = @by, decided_at = @now WHERE node_id = @NodeId AND investor_id = @InvestorId AND status = 'Dismissed'"
            : "INSERT INTO chain_node_firms (id, node_id, investor_id, status, confirmed_on, decided_by, decided_at) VALUES (@id, @NodeId, @InvestorId, 'Confirmed', @today, @by, @now)",
            new { id = Guid.NewGuid(), r.NodeId, r.InvestorId, today = clock.Today(), by = actor.Actor.UserId, now }, tx, cancellationToken: ct));
        return Done.Value;
    }
}

internal static class NodeFirmLoad
{
    public sealed record Firm(string Name, string? Status);

    /// <summary>Locks the chain for an editor, checks the node is in it and the firm exists; returns the node's name and the firm's current mapping there.</summary>
    public static async Task<(string Node, Firm Firm)> Load(Npgsql.NpgsqlConnection cn, Npgsql.NpgsqlTransaction tx, Actor actor, Guid chainId, Guid nodeId,
        Guid investorId, CancellationToken ct)
    {
        await ChainAccess.LockForEdit(cn, tx, actor, chainId, null, ct);
        var node = await cn.ExecuteScalarAsync<string?>(new CommandDefinition("""
            SELECT n.name FROM chain_members m JOIN chain_nodes n ON n.id = m.node_id WHERE m.chain_id = @chainId AND m.node_id = @nodeId
            """, new { chainId, nodeId }, tx, cancellationToken: ct)) ?? throw new NotFoundException("chain_node", nodeId);
        var firm = await cn.QuerySingleOrDefaultAsync<Firm>(new CommandDefinition("""
            SELECT i.name AS Name, f.status AS Status FROM investors i
              LEFT JOIN chain_node_firms f ON f.investor_id = i.id AND f.node_id = @nodeId AND f.status <> 'Removed'
             WHERE i.id = @investorId
            """, new { nodeId, investorId }, tx, cancellationToken: ct)) ?? throw ValidationText.FieldError("InvestorId", "chain.firm_unknown");
        return (node, firm);
    }
}
