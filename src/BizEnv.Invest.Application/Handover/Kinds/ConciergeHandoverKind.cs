using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Crm.Projects.Grain;
using BizEnv.Invest.Domain.Handover;
using Dapper;
using Npgsql;
using Orleans;

namespace BizEnv.Invest.Application.Handover.Kinds;

/// <summary>
/// Concierge cases 店小二: the projects whose current pair names the user as A or B. The project's grain
/// (single writer of its pair) gives the user's role to the successor with the reason in the pair's history.
/// </summary>
public sealed class ConciergeHandoverKind(IGrainFactory grains) : IHandoverKind
{
    public const string Name = "concierge";

    public string Kind => Name;

    public async Task<IReadOnlyList<HandoverItemRef>> ListOpenAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid user, CancellationToken ct) =>
        [.. (await cn.QueryAsync<(Guid Id, string Number, string Name)>(new CommandDefinition("""
            SELECT p.id, p.number, p.name FROM concierge_assignments a JOIN projects p ON p.id = a.project_id
            WHERE a.ended_at IS NULL AND @user IN (a.a_user_id, a.b_user_id) ORDER BY p.number
            """, new { user }, tx, cancellationToken: ct)))
            .Select(r => new HandoverItemRef(Name, r.Id, HandoverLabels.Of(r.Number, r.Name)))];

    /// <summary>A concierge must be an active promotion officer (as for any assignment).</summary>
    public Task<bool> MayOwnAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid successor, CancellationToken ct) =>
        HandoverLabels.HasActiveRoleAsync(cn, tx, successor, ["PromotionOfficer"], ct);

    public async Task<ItemMove> HandOverAsync(HandoverItemRef item, HandoverOrder order, CommandContext context) =>
        (await grains.GetGrain<IProjectGrain>(item.SubjectId).HandOverConcierge(new ConciergeHandover(order),
            context with { ObjectType = "project", ObjectId = item.SubjectId.ToString() })).Result<ItemMove>();
}
