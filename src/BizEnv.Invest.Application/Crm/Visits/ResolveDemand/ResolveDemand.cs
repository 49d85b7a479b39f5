using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;
using BizEnv.Invest.Application.Common;

namespace BizEnv.Invest.Application.Crm.Visits.ResolveDemand;

/// <summary>The owner of a demand 诉求 (or an officer of the visiting unit) records how it was resolved.</summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record ResolveDemand(Guid Id, string Resolution) : ICommand<Done>;

public sealed class ResolveDemandValidator : AbstractValidator<ResolveDemand>
{
    public ResolveDemandValidator() =>
        RuleFor(x => x.Resolution).NotEmpty().WithText("demand.resolution_required").MaximumLength(2000).WithText("field.too_long", 2000);
}

public sealed class ResolveDemandHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<ResolveDemand, Done>
{
    public async Task<Done> Handle(ResolveDemand r, CancellationToken ct)
    {
        audit.Target("demand", r.Id);
        var cn = await db.ConnectionAsync(ct);
        var demand = await cn.QuerySingleOrDefaultAsync<(Guid Owner, Guid Unit, string Status)?>(new CommandDefinition("""
            SELECT d.owner_id, v.unit_id, d.status FROM demands d JOIN visits v ON v.id = d.visit_id WHERE d.id = @Id FOR UPDATE OF d
            """, new { r.Id }, db.Transaction, cancellationToken: ct)) ?? throw new NotFoundException("demand", r.Id);
        var me = actor.Actor;
        if (demand.Owner != me.UserId && demand.Unit != me.UnitId)
            throw new NotFoundException("demand", r.Id);
        if (demand.Status == "Resolved")
            throw new Domain.Common.DomainException("demand.already_resolved");
        await cn.ExecuteAsync(new CommandDefinition(
            "UPDATE demands SET status = 'Resolved', resolution = @res, resolved_at = @now, version = version + 1 WHERE id = @Id",
            new { r.Id, res = r.Resolution.Trim(), now = clock.GetUtcNow() }, db.Transaction, cancellationToken: ct));
        return Done.Value;
    }
}
