using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Units.SetUnitStageReview;

/// <summary>Whether every project stage change of a unit needs a leader's review.</summary>
[AllowRoles(Role.Admin)]
public sealed record SetUnitStageReview(Guid UnitId, bool Required) : ICommand<Done>;

public sealed class SetUnitStageReviewHandler(IDbSession db, IAuditTrail audit) : IRequestHandler<SetUnitStageReview, Done>
{
    public async Task<Done> Handle(SetUnitStageReview r, CancellationToken ct)
    {
        audit.Target("unit", r.UnitId, r.Required ? "stage review on" : "stage review off");
        var cn = await db.ConnectionAsync(ct);
        var changed = await cn.ExecuteAsync(new CommandDefinition(
            "UPDATE units SET requires_stage_review = @Required, version = version + 1 WHERE id = @UnitId", r, db.Transaction, cancellationToken: ct));
        return changed == 1 ? Done.Value : throw new NotFoundException("unit", r.UnitId);
    }
}
