using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Commitments;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.FairCompetition.ListFairReviews;

/// <summary>
/// The reviewing unit's queue: flagged promises waiting for its opinion (oldest made first), with the rules each
/// matched. Only users of the unit the admin named see it (every role: the unit decides, not the role).
/// </summary>
public sealed record ListFairReviews : IQuery<IReadOnlyList<FairReviewItem>>;

public sealed record FairReviewItem(Guid Id, string ProjectNumber, string InvestorName, string UnitName, CommitmentKind Kind, string Clause, decimal? ValueCny,
    DateOnly MadeOn, DateOnly DueDate, string PromiserName, bool AwaitsLeader, IReadOnlyList<FairRuleMatch> Rules, int Version);

public sealed class ListFairReviewsHandler(IDbSession db, ActorContext actor) : IRequestHandler<ListFairReviews, IReadOnlyList<FairReviewItem>>
{
    public async Task<IReadOnlyList<FairReviewItem>> Handle(ListFairReviews r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        await FairReviewSource.EnsureReviewerAsync(cn, actor.Actor, ct);
        var rows = await cn.QueryAsync<(Guid Id, string Number, string Investor, string Unit, string Kind, string Clause, decimal? Value, DateOnly MadeOn,
            DateOnly DueDate, string Promiser, string? PendingReason, string? Rules, int Version)>(new CommandDefinition("""
            SELECT c.id, p.number, i.name, unit_name(u.name_zh, u.name_en), c.kind, c.clause, c.value_cny, c.made_on, c.due_date, c.promiser_name,
                   c.pending_reason, c.fair_review_rules::text, c.version
            FROM commitments c JOIN projects p ON p.id = c.project_id JOIN investors i ON i.id = c.investor_id JOIN units u ON u.id = c.unit_id
            WHERE c.fair_review = 'Pending' AND c.status = 'PendingApproval'
            ORDER BY c.made_on, c.id LIMIT 500
            """, cancellationToken: ct));
        return [.. rows.Select(x => new FairReviewItem(x.Id, x.Number, x.Investor, x.Unit, Enum.Parse<CommitmentKind>(x.Kind), x.Clause, x.Value, x.MadeOn,
            x.DueDate, x.Promiser, x.PendingReason is not null, FairReviewRows.Rules(x.Rules), x.Version))];
    }
}
