using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Handover;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Handover.ListMyHandovers;

/// <summary>The items handed to the signed-in user (交接给我的), those waiting for their acknowledgement first, then those still moving.</summary>
public sealed record ListMyHandovers : IQuery<IReadOnlyList<HandedItem>>;

/// <summary>One item handed over: from whom, when, and where it lives (<see cref="Link"/>).</summary>
public sealed record HandedItem(Guid HandoverId, string Kind, Guid SubjectId, string Label, string FromName, HandoverItemStatus Status,
    DateTimeOffset? AssignedAt, string? Link);

public sealed class ListMyHandoversHandler(IDbSession db, ActorContext actor) : IRequestHandler<ListMyHandovers, IReadOnlyList<HandedItem>>
{
    public async Task<IReadOnlyList<HandedItem>> Handle(ListMyHandovers r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var rows = await cn.QueryAsync<(Guid HandoverId, string Kind, Guid SubjectId, string Label, string FromName, string Status, DateTimeOffset? AssignedAt)>(
            new CommandDefinition("""
                SELECT h.id, i.kind, i.subject_id, i.label, u.display_name, i.status, i.assigned_at
                FROM handovers h JOIN handover_items i ON i.handover_id = h.id JOIN users u ON u.id = h.from_user_id
                WHERE h.successor_id = @me AND i.status IN ('Assigned', 'Pending')
                ORDER BY i.status, h.created_at, i.kind, i.label LIMIT 500
                """, new { me = actor.Actor.UserId }, cancellationToken: ct));
        return [.. rows.Select(x => new HandedItem(x.HandoverId, x.Kind, x.SubjectId, x.Label, x.FromName, Enum.Parse<HandoverItemStatus>(x.Status), x.AssignedAt,
            LinkOf(x.Kind, x.SubjectId)))];
    }

    /// <summary>Where an item of a kind is opened (null: no page of its own — a demand lives on its visit, an obligation on its agreement's page).</summary>
    public static string? LinkOf(string kind, Guid id) => kind switch
    {
        Kinds.PromiseHandoverKind.Name => $"/commitments/{id}",
        Kinds.ConciergeHandoverKind.Name => $"/projects/{id}",
        Kinds.AgreementHandoverKind.Name => $"/agreements/{id}",
        _ => null,
    };
}
