using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Defaults.ListDefaults;

/// <summary>
/// The defaults 违约追偿 list: open ones first by when they are decided, then closed ones, newest first. Show: "open",
/// "closed", or empty for all. Officers see their unit's; the integrity office and leaders see all.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.IntegrityOfficer, Role.Leader)]
public sealed record ListDefaults(string? Show = "open") : IQuery<IReadOnlyList<DefaultState>>;

public sealed class ListDefaultsHandler(IDbSession db, ActorContext actor) : IRequestHandler<ListDefaults, IReadOnlyList<DefaultState>>
{
    public async Task<IReadOnlyList<DefaultState>> Handle(ListDefaults r, CancellationToken ct)
    {
        var show = r.Show?.Trim().ToLowerInvariant() switch
        {
            null or "" or "all" => null,
            "open" => "open",
            "closed" => "closed",
            _ => throw Common.ValidationText.FieldError(nameof(r.Show), "defaults.show_unknown"),
        };
        var cn = await db.ConnectionAsync(ct);
        return (await cn.QueryAsync<DefaultState>(new CommandDefinition(DefaultState.Select + """

            WHERE (@scope::uuid IS NULL OR a.unit_id = @scope)
              AND (@show::text IS NULL OR (@show = 'open') = (d.closed_at IS NULL))
            ORDER BY (d.closed_at IS NULL) DESC, CASE WHEN d.closed_at IS NULL THEN d.decides_at END, d.closed_at DESC
            LIMIT 1000
            """, new { scope = DefaultAccess.Scope(actor.Actor), show }, cancellationToken: ct))).ToList();
    }
}
