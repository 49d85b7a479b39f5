using BizEnv.Invest.Application.Commitments.Promises;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Handover;
using Dapper;
using Npgsql;
using Orleans;

namespace BizEnv.Invest.Application.Handover.Kinds;

/// <summary>Open promises (awaiting approval or running) a user owns: each moves through its own grain, the writer of its row and ledger.</summary>
public sealed class PromiseHandoverKind(IGrainFactory grains) : IHandoverKind
{
    public const string Name = "promise";

    /// <summary>The statuses in which a promise still needs someone to answer for it (a condition-unmet one is still owed once its conditions are met).</summary>
    public static readonly string[] OpenStatuses = ["PendingApproval", "Open", "InProgress", "PartlyFulfilled", "Extended", "ConditionUnmet"];

    public string Kind => Name;

    public async Task<IReadOnlyList<HandoverItemRef>> ListOpenAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid user, CancellationToken ct) =>
        [.. (await cn.QueryAsync<(Guid Id, string Number, string Clause)>(new CommandDefinition("""
            SELECT c.id, p.number, c.clause FROM commitments c JOIN projects p ON p.id = c.project_id
            WHERE c.owner_id = @user AND c.status = ANY(@open) ORDER BY c.due_date, c.id
            """, new { user, open = OpenStatuses }, tx, cancellationToken: ct)))
            .Select(r => new HandoverItemRef(Name, r.Id, HandoverLabels.Of(r.Number, r.Clause)))];

    /// <summary>Someone who may promise: an active officer or leader.</summary>
    public Task<bool> MayOwnAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid successor, CancellationToken ct) =>
        HandoverLabels.HasActiveRoleAsync(cn, tx, successor, ["PromotionOfficer", "Leader"], ct);

    public async Task<ItemMove> HandOverAsync(HandoverItemRef item, HandoverOrder order, CommandContext context) =>
        (await grains.GetGrain<IPromiseGrain>(item.SubjectId).HandOver(new PromiseHandover(order), context)).Result<ItemMove>();
}
