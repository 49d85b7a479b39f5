using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Crm.Investors.Grain;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Crm.Investors.MarkContactPrivate;

/// <summary>
/// The owning unit's officer marks one of the firm's contacts "only our unit" (or shares it again). A
/// private contact is then seen only by that unit and the integrity office. Like editing the firm,
/// another unit's officer is refused (403: the firm itself is public); a contact the officer cannot
/// see is not found.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record MarkContactPrivate(Guid InvestorId, Guid ContactId, bool OnlyOurUnit) : ICommand<ContactView>, IGrainCommand;

public sealed class MarkContactPrivateHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<MarkContactPrivate, ContactView>
{
    public async Task<ContactView> Handle(MarkContactPrivate r, CancellationToken ct)
    {
        var me = actor.Actor;
        // The contact's id only: its name would show a private contact to every reader of the audit log.
        audit.Target("investor", r.InvestorId, $"contact {r.ContactId}: {(r.OnlyOurUnit ? "only our unit" : "shared")}");
        var cn = await db.ConnectionAsync(ct);
        var unit = await cn.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "SELECT unit_id FROM investors WHERE id = @InvestorId", new { r.InvestorId }, cancellationToken: ct))
            ?? throw new NotFoundException("investor", r.InvestorId);
        if (!CrmAccess.MayWrite(me, unit))
            throw new ForbiddenException();
        var reply = await grains.GetGrain<IInvestorGrain>(r.InvestorId).MarkContactPrivate(r.ContactId, r.OnlyOurUnit, me.UnitId!.Value,
            CommandContext.For(actor, audit, r));
        return reply.Result<ContactView>();
    }
}
