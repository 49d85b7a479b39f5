using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;
using Npgsql;

namespace BizEnv.Invest.Application.Chains.UpdateChainNode;

/// <summary>
/// An editor changes a node: its name, description and codes (shared by every chain that has the
/// node) and its segment and 延链 flag in this chain. <see cref="Version"/> is the node's.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record UpdateChainNode(
    Guid ChainId, Guid NodeId, string? Name, string? Description, IReadOnlyList<string>? IndustryCodes, ChainSegment Segment, bool IsExtension, int Version)
    : ICommand<Done>, IChainNodeFields;

public sealed class UpdateChainNodeValidator : AbstractValidator<UpdateChainNode>
{
    public UpdateChainNodeValidator() => Include(new ChainNodeFieldsValidator());
}

public sealed class UpdateChainNodeHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<UpdateChainNode, Done>
{
    public async Task<Done> Handle(UpdateChainNode r, CancellationToken ct)
    {
        var name = r.Name!.Trim();
        audit.Target("chain", r.ChainId, name);
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        await ChainAccess.LockForEdit(cn, tx, actor.Actor, r.ChainId, null, ct);
        var version = await cn.ExecuteScalarAsync<int?>(new CommandDefinition("""
            SELECT n.version FROM chain_nodes n JOIN chain_members m ON m.node_id = n.id AND m.chain_id = @ChainId WHERE n.id = @NodeId FOR UPDATE OF n
            """, new { r.ChainId, r.NodeId }, tx, cancellationToken: ct)) ?? throw new NotFoundException("chain_node", r.NodeId);
        if (version != r.Version)
            throw new ConcurrencyConflictException("chain_node", r.NodeId);
        var codes = ChainNodeCodes.Normalize(r.IndustryCodes);
        await ChainNodeCodes.EnsureKnown(cn, tx, codes, nameof(r.IndustryCodes), ct);
        try
        {
            await cn.ExecuteAsync(new CommandDefinition("""
                UPDATE chain_nodes SET name = @name, description = @description, updated_at = @now, version = version + 1 WHERE id = @NodeId;
                UPDATE chain_members SET segment = @segment, is_extension = @IsExtension WHERE chain_id = @ChainId AND node_id = @NodeId;
                """, new { r.NodeId, r.ChainId, name, description = CreateChain.CreateChainHandler.Blank(r.Description), now = clock.GetUtcNow(),
                segment = r.Segment.ToString(), r.IsExtension }, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw ValidationText.FieldError(nameof(r.Name), "chain.node_name_taken", name);
        }
        await ChainNodeCodes.Replace(cn, tx, r.NodeId, codes, ct);
        return Done.Value;
    }
}
