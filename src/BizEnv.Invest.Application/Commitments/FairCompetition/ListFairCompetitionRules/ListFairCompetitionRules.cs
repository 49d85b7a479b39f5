using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.FairCompetition.ListFairCompetitionRules;

/// <summary>The fair-competition rule list, active rules first.</summary>
[AllowRoles(Role.Admin)]
public sealed record ListFairCompetitionRules : IQuery<IReadOnlyList<FairRuleDto>>;

public sealed class ListFairCompetitionRulesHandler(IDbSession db) : IRequestHandler<ListFairCompetitionRules, IReadOnlyList<FairRuleDto>>
{
    public async Task<IReadOnlyList<FairRuleDto>> Handle(ListFairCompetitionRules r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        return [.. (await cn.QueryAsync<(Guid, string, string[], string[], string, bool, int)>(new CommandDefinition(
            FairReviewRows.SelectRules + " ORDER BY active DESC, name", cancellationToken: ct))).Select(FairReviewRows.Rule)];
    }
}
