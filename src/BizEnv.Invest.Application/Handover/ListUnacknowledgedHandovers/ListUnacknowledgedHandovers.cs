using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Localization;
using Dapper;
using MediatR;
using BizEnv.Invest.Domain.Identity;

namespace BizEnv.Invest.Application.Handover.ListUnacknowledgedHandovers;

/// <summary>
/// For leaders: handed-over items nobody has acknowledged yet (or still moving), counted per unit the
/// items belong to, and listed — who left, who holds them now, since when.
/// </summary>
[AllowRoles(Role.Leader, Role.Admin)]
public sealed record ListUnacknowledgedHandovers(Guid? UnitId = null) : IQuery<UnacknowledgedHandovers>;

public sealed record UnacknowledgedHandovers(IReadOnlyList<UnitHandoverCount> ByUnit, IReadOnlyList<UnacknowledgedItem> Items);

public sealed record UnitHandoverCount(Guid UnitId, string UnitName, int Unacknowledged, int Pending);

public sealed record UnacknowledgedItem(Guid HandoverId, string UnitName, string Kind, Guid SubjectId, string Label, string FromName, string SuccessorName,
    string Status, DateTimeOffset CreatedAt);

public sealed class ListUnacknowledgedHandoversHandler(IDbSession db) : IRequestHandler<ListUnacknowledgedHandovers, UnacknowledgedHandovers>
{
    public async Task<UnacknowledgedHandovers> Handle(ListUnacknowledgedHandovers r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var args = new { r.UnitId, en = Text.IsEnglishNow };
        const string From = """
            FROM handovers h JOIN handover_items i ON i.handover_id = h.id JOIN units n ON n.id = h.from_unit_id
            WHERE i.status IN ('Assigned', 'Pending') AND (@UnitId::uuid IS NULL OR h.from_unit_id = @UnitId)
            """;
        var byUnit = await cn.QueryAsync<UnitHandoverCount>(new CommandDefinition($"""
            SELECT n.id AS UnitId, CASE WHEN @en THEN n.name_en ELSE n.name_zh END AS UnitName,
                   count(*) FILTER (WHERE i.status = 'Assigned')::int AS Unacknowledged, count(*) FILTER (WHERE i.status = 'Pending')::int AS Pending
            {From}
            GROUP BY n.id, n.name_en, n.name_zh ORDER BY count(*) DESC, 2
            """, new { UnitId = (Guid?)null, args.en }, cancellationToken: ct)); // every unit's count, whichever unit is listed
        var items = await cn.QueryAsync<UnacknowledgedItem>(new CommandDefinition($"""
            SELECT h.id AS HandoverId, CASE WHEN @en THEN n.name_en ELSE n.name_zh END AS UnitName, i.kind AS Kind, i.subject_id AS SubjectId, i.label AS Label,
                   f.display_name AS FromName, s.display_name AS SuccessorName, i.status AS Status, h.created_at AS CreatedAt
            {From.Replace("JOIN units n", "JOIN users f ON f.id = h.from_user_id JOIN users s ON s.id = h.successor_id JOIN units n")}
            ORDER BY h.created_at, i.kind, i.label LIMIT 500
            """, args, cancellationToken: ct));
        return new UnacknowledgedHandovers([.. byUnit], [.. items]);
    }
}
