using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Handover;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Handover.Kinds;

/// <summary>
/// Open demands 诉求 raised at visits. A demand has no grain (its handlers write it under a row lock),
/// so its move is one transaction of its own here: the row locked, its owner changed, the ledger entry
/// and the audit row — the same all-or-nothing as a grain's command.
/// </summary>
public sealed class DemandHandoverKind(CommandJournal journal, LedgerWriter ledger, TimeProvider clock) : IHandoverKind
{
    public const string Name = "demand";

    public string Kind => Name;

    public async Task<IReadOnlyList<HandoverItemRef>> ListOpenAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid user, CancellationToken ct) =>
        [.. (await cn.QueryAsync<(Guid Id, string Description)>(new CommandDefinition(
            "SELECT id, description FROM demands WHERE owner_id = @user AND status = 'Open' ORDER BY due_date, id", new { user }, tx, cancellationToken: ct)))
            .Select(r => new HandoverItemRef(Name, r.Id, HandoverLabels.Of(null, r.Description)))];

    /// <summary>Anyone active may own a demand (as when it is raised).</summary>
    public Task<bool> MayOwnAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid successor, CancellationToken ct) =>
        HandoverLabels.HasActiveRoleAsync(cn, tx, successor, null, ct);

    public async Task<ItemMove> HandOverAsync(HandoverItemRef item, HandoverOrder order, CommandContext context)
    {
        var outcome = await journal.RunAsync(context with { ObjectType = "demand", ObjectId = item.SubjectId.ToString() }, async (cn, tx) =>
        {
            var row = await cn.QuerySingleOrDefaultAsync<(Guid Owner, string Status)?>(new CommandDefinition(
                "SELECT owner_id, status FROM demands WHERE id = @id FOR UPDATE", new { id = item.SubjectId }, tx));
            if (row is not { } d || d.Status != "Open" || (d.Owner != order.From && d.Owner != order.Successor))
                return ItemMove.Closed;
            if (d.Owner == order.Successor)
                return ItemMove.Assigned; // moved before (a resumed handover): nothing is written twice
            await cn.ExecuteAsync(new CommandDefinition("UPDATE demands SET owner_id = @to, version = version + 1 WHERE id = @id",
                new { id = item.SubjectId, to = order.Successor }, tx));
            await ledger.AppendAsync(cn, tx, item.SubjectId, HandoverEvents.Assigned, context.UserName, clock.GetUtcNow(), order.Reason,
                new HandoverAssigned(order.HandoverId, Name, item.SubjectId, order.From, order.Successor), CancellationToken.None);
            return ItemMove.Assigned;
        });
        return outcome.Reply.Result<ItemMove>();
    }
}
