using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;
using Npgsql;

namespace BizEnv.Invest.Application.Chains.AddChainNode;

/// <summary>
/// An editor adds a node to a chain: a new one (name, description, GB/T 4754 codes) or, with
/// <see cref="ExistingNodeId"/>, a node another chain already has — it is then shared, not copied, so its
/// local firms count in both. <see cref="IsExtension"/> marks a link added to extend the chain (延链).
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record AddChainNode(
    Guid ChainId, Guid? ExistingNodeId, string? Name, string? Description, IReadOnlyList<string>? IndustryCodes, ChainSegment Segment, bool IsExtension)
    : ICommand<Guid>, IChainNodeFields;

public sealed class AddChainNodeValidator : AbstractValidator<AddChainNode>
{
    public AddChainNodeValidator()
    {
        When(x => x.ExistingNodeId is null, () => Include(new ChainNodeFieldsValidator()));
        RuleFor(x => x.Segment).IsInEnum().WithText("chain.segment_unknown");
    }
}

public sealed class AddChainNodeHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<AddChainNode, Guid>
{
    public async Task<Guid> Handle(AddChainNode r, CancellationToken ct)
    {
        audit.Target("chain", r.ChainId, r.Name?.Trim());
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        await ChainAccess.LockForEdit(cn, tx, actor.Actor, r.ChainId, null, ct);
        var now = clock.GetUtcNow();
        Guid nodeId;
        if (r.ExistingNodeId is { } existing)
        {
            var name = await cn.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT name FROM chain_nodes WHERE id = @existing", new { existing }, tx, cancellationToken: ct))
                ?? throw ValidationText.FieldError(nameof(r.ExistingNodeId), "chain.node_unknown");
            audit.Target("chain", r.ChainId, name);
            nodeId = existing;
        }
        else
        {
            var name = r.Name!.Trim();
            var codes = ChainNodeCodes.Normalize(r.IndustryCodes);
            await ChainNodeCodes.EnsureKnown(cn, tx, codes, nameof(r.IndustryCodes), ct);
            nodeId = Guid.NewGuid();
            try
            {
                await cn.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO chain_nodes (id, name, description, created_at, updated_at) VALUES (@nodeId, @name, @description, @now, @now)
                    """, new { nodeId, name, description = CreateChain.CreateChainHandler.Blank(r.Description), now }, tx, cancellationToken: ct));
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                throw ValidationText.FieldError(nameof(r.Name), "chain.node_name_taken", name);
            }
            await ChainNodeCodes.Replace(cn, tx, nodeId, codes, ct);
        }
        var added = await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO chain_members (chain_id, node_id, segment, is_extension, added_by, added_at)
            VALUES (@ChainId, @nodeId, @segment, @IsExtension, @by, @now) ON CONFLICT DO NOTHING
            """, new { r.ChainId, nodeId, segment = r.Segment.ToString(), r.IsExtension, by = actor.Actor.UserId, now }, tx, cancellationToken: ct));
        if (added == 0)
            throw new Domain.Common.DomainException("chain.node_already_member");
        return nodeId;
    }
}
