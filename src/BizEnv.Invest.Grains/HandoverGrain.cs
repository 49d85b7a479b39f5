using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Handover;
using BizEnv.Invest.Application.Handover.Grain;
using BizEnv.Invest.Application.Idempotency;
using BizEnv.Invest.Domain.Handover;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace BizEnv.Invest.Grains;

/// <summary>
/// A handover's single writer. Each item moves in two steps: its kind's owner moves it (the item's change
/// and its Handover.Assigned ledger entry, one transaction there), then this grain records it as moved.
/// Should the process die between them, or midway through the items, the handover's reminder — set
/// before anything is written — wakes it on any node and it moves the items still pending again: a kind
/// answers an item already with the successor as moved without writing it twice, so each item is moved
/// and put on the ledger exactly once. The rows are read afresh for each call (nothing is kept).
/// </summary>
public sealed class HandoverGrain(
    CommandJournal journal, NpgsqlDataSource dataSource, LedgerWriter ledger, IEnumerable<IHandoverKind> kinds, GrainTimings timings, TimeProvider clock,
    ILogger<HandoverGrain> log) : Grain, IHandoverGrain, IRemindable
{
    private const string ResumeReminder = "resume";

    // A disabling whose account change never committed (the admin's request failed after the items moved):
    // the handover stops looking for items created meanwhile after this long.
    private static readonly TimeSpan StragglerWatch = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, IHandoverKind> _kinds = kinds.ToDictionary(k => k.Kind);

    private Guid Id => this.GetPrimaryKey();

    public Task<GrainReply> Start(HandoverPlan plan, CommandContext context) => GrainFaults.Answer(async () =>
    {
        // Armed first: if this process dies after the rows commit, the tick finishes the handover elsewhere.
        await this.RegisterOrUpdateReminder(ResumeReminder, timings.Retry, timings.Retry);
        var outcome = await journal.RunAsync(context with { ObjectType = "handover", ObjectId = Id.ToString() }, async (cn, tx) =>
        {
            await HandoverBook.InsertAsync(cn, tx, Id, plan, clock.GetUtcNow(), CancellationToken.None);
            return Application.Abstractions.Done.Value;
        });
        if (!outcome.Committed)
        {
            await DisarmIfUnknownAsync();
            return outcome.Reply;
        }
        var summary = await RunAsync(context);
        return new GrainReply(null, IdempotencyStore.ToJson(summary));
    }, log, Id);

    public async Task<HandoverSummary> Resume()
    {
        try
        {
            return await RunAsync(CommandContext.System("HandOver", "handover", Id));
        }
        catch (Exception ex)
        {
            throw GrainFaults.Portable(ex, log, Id);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName == ResumeReminder ? Resume() : Task.CompletedTask;

    public Task<GrainReply> Acknowledge(HandoverAcknowledgement a, CommandContext context) =>
        AcknowledgeAsync(context, h => h.Acknowledge(a.Kind, a.SubjectId, a.By) is { } d ? (d.Next, [d.Item]) : (h, []), a.By);

    public Task<GrainReply> AcknowledgeAll(Guid by, CommandContext context) => AcknowledgeAsync(context, h => h.AcknowledgeAll(by), by);

    /// <summary>One acknowledgement command: the items confirmed, each with its Handover.Acknowledged entry under the item's id, in one transaction.</summary>
    private Task<GrainReply> AcknowledgeAsync(CommandContext context, Func<Domain.Handover.Handover, (Domain.Handover.Handover, IReadOnlyList<HandoverItem>)> decide,
        Guid by) => GrainFaults.Answer(async () =>
    {
        var outcome = await journal.RunAsync(context, async (cn, tx) =>
        {
            var record = await HandoverBook.LoadAsync(cn, tx, Id, CancellationToken.None) ?? throw new Application.Errors.NotFoundException("handover", Id);
            var (next, items) = decide(record.Handover);
            if (items.Count > 0)
            {
                var now = clock.GetUtcNow();
                await HandoverBook.AcknowledgeAsync(cn, tx, Id, items, now, CancellationToken.None);
                await ledger.AppendManyAsync(cn, tx, [.. items.Select(i => new LedgerEntry(i.SubjectId, HandoverEvents.Acknowledged, context.UserName, now, null,
                    new HandoverAcknowledged(Id, i.Kind, i.SubjectId, by)))], CancellationToken.None);
            }
            return HandoverSummary.Of(next);
        });
        return outcome.Reply;
    }, log, Id);

    /// <summary>
    /// Moves every pending item (a later look adds items a disabled user came to own meanwhile), records
    /// each move, and drops the reminder once nothing is left to do. An item whose move fails stays
    /// pending for the next tick; the others go on.
    /// </summary>
    private async Task<HandoverSummary> RunAsync(CommandContext context)
    {
        await using var cn = await dataSource.OpenConnectionAsync();
        var record = await HandoverBook.LoadAsync(cn, null, Id, CancellationToken.None);
        if (record is null)
        {
            await DisarmAsync();
            return new HandoverSummary(Id, 0, 0, 0, 0, 0);
        }
        var h = record.Handover;
        var completed = record.Completed;
        // A disabling is settled once the account is seen disabled: nothing new can be theirs after that last look.
        var settled = record.Cause != HandoverCause.Disabled;
        if (!settled && await HandoverBook.IsDisabledAsync(cn, h.From, CancellationToken.None))
        {
            var before = h.Items.Count;
            h = await AddStragglersAsync(cn, h);
            completed &= h.Items.Count == before;
            settled = true;
        }
        var order = record.Order;
        foreach (var item in h.Pending.ToList())
        {
            if (!_kinds.TryGetValue(item.Kind, out var kind))
            {
                log.LogWarning("Handover {Handover}: no kind {Kind} on this node; item {Item} waits", Id, item.Kind, item.SubjectId);
                continue;
            }
            try
            {
                var move = await kind.HandOverAsync(new HandoverItemRef(item.Kind, item.SubjectId, item.Label), order, context);
                if (h.Moved(item.Kind, item.SubjectId, move) is { } moved)
                {
                    await HandoverBook.MarkMovedAsync(cn, null, Id, moved.Item, clock.GetUtcNow(), CancellationToken.None);
                    h = moved.Next;
                }
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Handover {Handover}: {Kind} {Item} did not move now; the reminder tries again", Id, item.Kind, item.SubjectId);
            }
        }
        if (h.IsComplete)
        {
            if (!completed)
                await HandoverBook.CompleteAsync(cn, Id, clock.GetUtcNow(), CancellationToken.None);
            if (settled || clock.GetUtcNow() - await CreatedAtAsync(cn) > StragglerWatch)
                await DisarmAsync();
        }
        return HandoverSummary.Of(h);
    }

    /// <summary>Items the disabled user still owns that this handover does not list yet (made in the moment before the account closed).</summary>
    private async Task<Domain.Handover.Handover> AddStragglersAsync(NpgsqlConnection cn, Domain.Handover.Handover h)
    {
        var found = new List<HandoverItemRef>();
        foreach (var kind in _kinds.Values)
            found.AddRange(await kind.ListOpenAsync(cn, null, h.From, CancellationToken.None));
        var next = h.Adding(found.Select(f => new HandoverItem(f.Kind, f.SubjectId, f.Label, HandoverItemStatus.Pending)));
        if (next.Items.Count == h.Items.Count)
            return h;
        await using var tx = await cn.BeginTransactionAsync();
        await HandoverBook.AddItemsAsync(cn, tx, Id, found, CancellationToken.None);
        await HandoverBook.ReopenAsync(cn, tx, Id, CancellationToken.None);
        await tx.CommitAsync();
        return next;
    }

    private Task<DateTimeOffset> CreatedAtAsync(NpgsqlConnection cn) =>
        Dapper.SqlMapper.ExecuteScalarAsync<DateTimeOffset>(cn, "SELECT created_at FROM handovers WHERE id = @Id", new { Id });

    private async Task DisarmIfUnknownAsync()
    {
        await using var cn = await dataSource.OpenConnectionAsync();
        if (await HandoverBook.LoadAsync(cn, null, Id, CancellationToken.None) is null)
            await DisarmAsync();
    }

    private async Task DisarmAsync()
    {
        if (await this.GetReminder(ResumeReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
    }
}
