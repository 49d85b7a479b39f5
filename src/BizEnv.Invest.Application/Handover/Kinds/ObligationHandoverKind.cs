using BizEnv.Invest.Application.Agreements.Grain;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Handover;
using Dapper;
using Npgsql;
using Orleans;

namespace BizEnv.Invest.Application.Handover.Kinds;

/// <summary>
/// The investor obligations a user follows that are still to be met (Open, or Missed with a default running): each moves
/// through its agreement's grain, the writer of obligation rows and their ledger entries.
/// </summary>
public sealed class ObligationHandoverKind(IGrainFactory grains, NpgsqlDataSource dataSource) : IHandoverKind
{
    public const string Name = "obligation";

    public static readonly string[] OpenStatuses = ["Open", "Missed"];

    public string Kind => Name;

    public async Task<IReadOnlyList<HandoverItemRef>> ListOpenAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid user, CancellationToken ct) =>
        [.. (await cn.QueryAsync<(Guid Id, string Number, string Description)>(new CommandDefinition("""
            SELECT o.id, a.number, o.description FROM obligations o JOIN agreements a ON a.id = o.agreement_id
            WHERE o.owner_id = @user AND o.status = ANY(@open) ORDER BY o.due_date, o.id
            """, new { user, open = OpenStatuses }, tx, cancellationToken: ct)))
            .Select(r => new HandoverItemRef(Name, r.Id, HandoverLabels.Of(r.Number, r.Description)))];

    /// <summary>An obligation is followed by an active promotion officer.</summary>
    public Task<bool> MayOwnAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid successor, CancellationToken ct) =>
        HandoverLabels.HasActiveRoleAsync(cn, tx, successor, ["PromotionOfficer"], ct);

    public async Task<ItemMove> HandOverAsync(HandoverItemRef item, HandoverOrder order, CommandContext context)
    {
        Guid? agreement;
        await using (var cn = await dataSource.OpenConnectionAsync())
            agreement = await cn.ExecuteScalarAsync<Guid?>("SELECT agreement_id FROM obligations WHERE id = @SubjectId", new { item.SubjectId });
        if (agreement is not { } agreementId)
            return ItemMove.Closed;
        return (await grains.GetGrain<IAgreementGrain>(agreementId).HandOver(new AgreementHandover(order, Name, item.SubjectId), context)).Result<ItemMove>();
    }
}
