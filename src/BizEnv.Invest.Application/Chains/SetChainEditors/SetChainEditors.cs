using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Chains.SetChainEditors;

/// <summary>An admin designates the promotion officers who edit a chain (the list replaces the previous one).</summary>
[AllowRoles(Role.Admin)]
public sealed record SetChainEditors(Guid ChainId, IReadOnlyList<Guid> UserIds) : ICommand<Done>;

public sealed class SetChainEditorsValidator : AbstractValidator<SetChainEditors>
{
    public SetChainEditorsValidator()
    {
        RuleFor(x => x.UserIds).NotNull().Must(u => u is null || u.Count <= 50).WithText("chain.editors_too_many", 50);
    }
}

public sealed class SetChainEditorsHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<SetChainEditors, Done>
{
    public async Task<Done> Handle(SetChainEditors r, CancellationToken ct)
    {
        var users = r.UserIds.Distinct().ToArray();
        audit.Target("chain", r.ChainId, $"editors: {users.Length}");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        await ChainAccess.LockForEdit(cn, tx, actor.Actor, r.ChainId, null, ct);
        // Only active promotion officers can be designated: the others could not use the right.
        var officers = await cn.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM users WHERE id = ANY(@users) AND NOT is_disabled AND 'PromotionOfficer' = ANY(roles)", new { users }, tx, cancellationToken: ct));
        if (officers != users.Length)
            throw ValidationText.FieldError(nameof(r.UserIds), "chain.editor_not_officer");
        await cn.ExecuteAsync(new CommandDefinition("""
            DELETE FROM chain_editors WHERE chain_id = @ChainId AND NOT (user_id = ANY(@users));
            INSERT INTO chain_editors (chain_id, user_id, granted_by, granted_at)
            SELECT @ChainId, u, @by, @now FROM unnest(@users) AS u ON CONFLICT DO NOTHING;
            """, new { r.ChainId, users, by = actor.Actor.UserId, now = clock.GetUtcNow() }, tx, cancellationToken: ct));
        return Done.Value;
    }
}
