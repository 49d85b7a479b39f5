using BizEnv.Invest.Application.Abstractions;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.FairCompetition.GetFairReviewSetup;

/// <summary>
/// Which unit reviews flagged promises, and whether the asker belongs to it (their navigation and home page show the
/// review queue then). Any signed-in user may ask: the name of the reviewing unit is no secret.
/// </summary>
public sealed record GetFairReviewSetup : IQuery<FairReviewSetup>;

public sealed record FairReviewSetup(Guid? ReviewingUnitId, string? ReviewingUnitName, bool IAmReviewer, int Waiting);

public sealed class GetFairReviewSetupHandler(IDbSession db, ActorContext actor) : IRequestHandler<GetFairReviewSetup, FairReviewSetup>
{
    public async Task<FairReviewSetup> Handle(GetFairReviewSetup r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var row = await cn.QuerySingleOrDefaultAsync<(Guid Id, string Name)?>(new CommandDefinition("""
            SELECT u.id, unit_name(u.name_zh, u.name_en) FROM fair_competition_settings s JOIN units u ON u.id = s.reviewing_unit_id
            """, cancellationToken: ct));
        var mine = row is { } u && actor.Actor.UnitId == u.Id;
        var waiting = mine ? await cn.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM commitments WHERE fair_review = 'Pending' AND status = 'PendingApproval'", cancellationToken: ct)) : 0;
        return new FairReviewSetup(row?.Id, row?.Name, mine, waiting);
    }
}
