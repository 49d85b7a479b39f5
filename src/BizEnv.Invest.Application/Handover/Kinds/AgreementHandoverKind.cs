using BizEnv.Invest.Application.Agreements.Grain;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Handover;
using Dapper;
using Npgsql;
using Orleans;

namespace BizEnv.Invest.Application.Handover.Kinds;

/// <summary>The investment agreements a user keeps: each moves through its agreement's grain, the writer of its row and ledger.</summary>
public sealed class AgreementHandoverKind(IGrainFactory grains) : IHandoverKind
{
    public const string Name = "agreement";

    public string Kind => Name;

    public async Task<IReadOnlyList<HandoverItemRef>> ListOpenAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid user, CancellationToken ct) =>
        [.. (await cn.QueryAsync<(Guid Id, string Number, string Title)>(new CommandDefinition(
            "SELECT id, number, title FROM agreements WHERE owner_id = @user ORDER BY signed_on, id", new { user }, tx, cancellationToken: ct)))
            .Select(r => new HandoverItemRef(Name, r.Id, HandoverLabels.Of(r.Number, r.Title)))];

    /// <summary>An agreement is kept by an active promotion officer.</summary>
    public Task<bool> MayOwnAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid successor, CancellationToken ct) =>
        HandoverLabels.HasActiveRoleAsync(cn, tx, successor, ["PromotionOfficer"], ct);

    public async Task<ItemMove> HandOverAsync(HandoverItemRef item, HandoverOrder order, CommandContext context) =>
        (await grains.GetGrain<IAgreementGrain>(item.SubjectId).HandOver(new AgreementHandover(order, Name, item.SubjectId), context)).Result<ItemMove>();
}
