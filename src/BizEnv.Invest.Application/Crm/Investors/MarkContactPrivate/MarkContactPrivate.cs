using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Investors.MarkContactPrivate;

/// <summary>
/// The owning unit's officer marks one of the firm's contacts "only our unit" (or shares it again). A
/// private contact is then seen only by that unit and the integrity office. Like editing the firm,
/// another unit's officer is refused (403: the firm itself is public); a contact the officer cannot
/// see is not found.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record MarkContactPrivate(Guid InvestorId, Guid ContactId, bool OnlyOurUnit) : ICommand<ContactView>;

public sealed class MarkContactPrivateHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock)
    : IRequestHandler<MarkContactPrivate, ContactView>
{
    public async Task<ContactView> Handle(MarkContactPrivate r, CancellationToken ct)
    {
        var me = actor.Actor;
        // The contact's id only: its name would show a private contact to every reader of the audit log.
        audit.Target("investor", r.InvestorId, $"contact {r.ContactId}: {(r.OnlyOurUnit ? "only our unit" : "shared")}");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction;
        var unit = await cn.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "SELECT unit_id FROM investors WHERE id = @InvestorId FOR UPDATE", new { r.InvestorId }, tx, cancellationToken: ct))
            ?? throw new NotFoundException("investor", r.InvestorId);
        if (!CrmAccess.MayWrite(me, unit))
            throw new ForbiddenException();

        var args = new { r.InvestorId, r.ContactId, privateScope = me.UnitId, privateTo = r.OnlyOurUnit ? me.UnitId : null, now = clock.GetUtcNow() };
        var changed = await cn.ExecuteAsync(new CommandDefinition($"""
            UPDATE investor_contacts c SET private_to_unit = @privateTo
             WHERE c.id = @ContactId AND c.investor_id = @InvestorId AND {CrmAccess.VisibleSql("c.private_to_unit")}
            """, args, tx, cancellationToken: ct));
        if (changed == 0)
            throw new NotFoundException("contact", r.ContactId);
        // The firm's version moves, so an edit form opened before this cannot put the old flag back unseen.
        await cn.ExecuteAsync(new CommandDefinition(
            "UPDATE investors SET version = version + 1, updated_at = @now WHERE id = @InvestorId", args, tx, cancellationToken: ct));
        return await cn.QuerySingleAsync<ContactView>(new CommandDefinition(
            ContactView.Select + " WHERE c.id = @ContactId", args, tx, cancellationToken: ct));
    }
}
