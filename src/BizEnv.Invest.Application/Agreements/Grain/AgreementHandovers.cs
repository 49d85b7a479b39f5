using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Handover;
using BizEnv.Invest.Application.Handover.Kinds;
using BizEnv.Invest.Domain.Handover;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Agreements.Grain;

/// <summary>
/// The agreement grain's part of a handover: the keeper of the agreement, or the owner of an obligation still to be met
/// (Open or Missed), becomes the successor, with its Handover.Assigned ledger entry under the item's id.
/// </summary>
public static class AgreementHandovers
{
    public static async Task<ItemMove> MoveAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid agreementId, AgreementHandover c, LedgerWriter ledger,
        string actor, DateTimeOffset now, CancellationToken ct)
    {
        var agreement = c.Kind == AgreementHandoverKind.Name;
        var row = await cn.QuerySingleOrDefaultAsync<(Guid Owner, string? Status)?>(new CommandDefinition(agreement
            ? "SELECT owner_id, NULL FROM agreements WHERE id = @agreementId AND id = @SubjectId"
            : "SELECT owner_id, status FROM obligations WHERE id = @SubjectId AND agreement_id = @agreementId", new { agreementId, c.SubjectId }, tx, cancellationToken: ct));
        if (row is not { } item)
            return ItemMove.Closed;
        if (item.Owner == c.Order.Successor)
            return ItemMove.Assigned;
        if (item.Owner != c.Order.From || (!agreement && !ObligationHandoverKind.OpenStatuses.Contains(item.Status)))
            return ItemMove.Closed;
        await cn.ExecuteAsync(new CommandDefinition(agreement
            ? "UPDATE agreements SET owner_id = @to, updated_at = @now WHERE id = @SubjectId"
            : "UPDATE obligations SET owner_id = @to, updated_at = @now WHERE id = @SubjectId", new { c.SubjectId, to = c.Order.Successor, now }, tx, cancellationToken: ct));
        await ledger.AppendAsync(cn, tx, c.SubjectId, HandoverEvents.Assigned, actor, now, c.Order.Reason,
            new HandoverAssigned(c.Order.HandoverId, c.Kind, c.SubjectId, c.Order.From, c.Order.Successor), ct);
        return ItemMove.Assigned;
    }
}
