using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.FairCompetition.RemoveFairCompetitionRule;

/// <summary>
/// An admin removes a rule from the list. Promises it flagged keep their review: what they matched is stored with
/// them (and in the ledger), so nothing is lost by the removal. To pause a rule, save it inactive instead.
/// </summary>
[AllowRoles(Role.Admin)]
public sealed record RemoveFairCompetitionRule(Guid Id) : ICommand<Done>;

public sealed class RemoveFairCompetitionRuleHandler(IDbSession db, IAuditTrail audit) : IRequestHandler<RemoveFairCompetitionRule, Done>
{
    public async Task<Done> Handle(RemoveFairCompetitionRule r, CancellationToken ct)
    {
        audit.Target("fair-competition-rule", r.Id);
        var cn = await db.ConnectionAsync(ct);
        if (await cn.ExecuteAsync(new CommandDefinition("DELETE FROM fair_competition_rules WHERE id = @Id", r, db.Transaction, cancellationToken: ct)) == 0)
            throw new Errors.NotFoundException("fair-competition-rule", r.Id);
        return Done.Value;
    }
}
