using BizEnv.Invest.Application.Commitments.Ledger;
using Dapper;

namespace BizEnv.Invest.Application.Tests.Commitments.LedgerTree;

/// <summary>
/// Writers queue, the sequencer orders (issue #13): a writer takes no lock, so an open transaction holding entries
/// never holds up another writer; the sequencer seals what has committed, in queue order, and what commits later in a
/// later batch; a rolled-back writer leaves no entry and no gap.
/// </summary>
public sealed class LedgerQueueTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static LedgerEntry Entry(Guid id, string @event, int n) =>
        new(id, @event, "officer", At.AddMinutes(n), null, new Dictionary<string, string> { ["clause"] = $"审批 {n} 个工作日内办结" });

    [Fact]
    public async Task An_open_writer_never_holds_up_another_and_each_entry_is_sealed_once_after_its_commit_in_queue_order()
    {
        await using var ledger = await TestLedger.CreateAsync(3);
        var (slow, quick, undone) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        // A writer appends and keeps its transaction open (a long command, a slow client).
        await using var slowCn = await ledger.App.OpenConnectionAsync();
        await using var slowTx = await slowCn.BeginTransactionAsync();
        await new LedgerWriter().AppendManyAsync(slowCn, slowTx, [Entry(slow, "Recorded", 1), Entry(slow, "Started", 2)], default);

        // Another writer appends and commits meanwhile — bounded by a statement timeout: a writer waiting on a lock would fail here.
        await using (var cn = await ledger.App.OpenConnectionAsync())
        await using (var tx = await cn.BeginTransactionAsync())
        {
            await cn.ExecuteAsync("SET LOCAL lock_timeout = '2s'", transaction: tx);
            await new LedgerWriter().AppendAsync(cn, tx, quick, "Recorded", "officer", At, null, new { Clause = "五个工作日内供地" }, default);
            await tx.CommitAsync();
        }
        // A third rolls back.
        await using (var cn = await ledger.App.OpenConnectionAsync())
        await using (var tx = await cn.BeginTransactionAsync())
        {
            await new LedgerWriter().AppendAsync(cn, tx, undone, "Recorded", "officer", At, null, new { Clause = "撤回" }, default);
            await tx.RollbackAsync();
        }

        // The sequencer seals what has committed; the open writer's entries wait, visible to nobody yet.
        (await ledger.Sequencer.IntegrateAllAsync(default))!.Size.ShouldBe(4);
        (await ledger.Scalar<Guid>("SELECT commitment_id FROM commitment_ledger WHERE seq = 4")).ShouldBe(quick);
        (await ledger.Scalar<long>("SELECT count(*) FROM ledger_history WHERE commitment_id = @slow", new { slow })).ShouldBe(0);

        await slowTx.CommitAsync();
        // Committed: readers see both entries at once, queued (no seq yet) until the sequencer's next batch.
        (await ledger.Scalar<long[]>("SELECT array_agg(coalesce(seq, 0) ORDER BY queued_id) FROM ledger_history WHERE commitment_id = @slow", new { slow })).ShouldBe([0L, 0L]);
        (await ledger.Sequencer.IntegrateAllAsync(default))!.Size.ShouldBe(6);
        (await ledger.Scalar<string[]>("SELECT array_agg(event ORDER BY seq) FROM commitment_ledger WHERE commitment_id = @slow", new { slow })).ShouldBe(["Recorded", "Started"]);
        (await ledger.Scalar<long[]>("SELECT array_agg(seq ORDER BY seq) FROM commitment_ledger WHERE commitment_id = @slow", new { slow })).ShouldBe([5L, 6L]);
        (await ledger.Scalar<long>("SELECT count(*) FROM ledger_history WHERE commitment_id = @undone", new { undone })).ShouldBe(0);
        (await ledger.Scalar<long>("SELECT count(*) FROM ledger_queue")).ShouldBe(0);
        (await ledger.Scalar<long[]>("SELECT array_agg(size ORDER BY id) FROM ledger_checkpoints")).ShouldBe([4L, 6L]);
        (await ledger.Verifier.VerifyAsync()).ShouldSatisfyAllConditions(r => r.Intact.ShouldBeTrue(), r => r.Entries.ShouldBe(6), r => r.Seal.ShouldBe("verified"));
    }

    [Fact]
    public async Task Eight_writers_at_once_each_with_entries_of_its_own_promise_are_sealed_with_every_promise_in_its_own_order()
    {
        await using var ledger = await TestLedger.CreateAsync(0);
        var promises = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToArray();
        // Each writer appends its promise's events one transaction at a time, as the promise's grain does; the sequencer runs meanwhile.
        var sealing = Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await ledger.Sequencer.IntegrateAllAsync(default);
                await Task.Delay(5);
            }
        });
        await Task.WhenAll(promises.Select(id => Task.Run(async () =>
        {
            for (var n = 0; n < 25; n++)
            {
                await using var cn = await ledger.App.OpenConnectionAsync();
                await using var tx = await cn.BeginTransactionAsync();
                await new LedgerWriter().AppendAsync(cn, tx, id, $"Step{n:D2}", "officer", At.AddMinutes(n), null, new { n }, default);
                await tx.CommitAsync();
            }
        })));
        await sealing;
        (await ledger.Sequencer.IntegrateAllAsync(default))!.Size.ShouldBe(200);
        foreach (var id in promises)
            (await ledger.Scalar<string[]>("SELECT array_agg(event ORDER BY seq) FROM commitment_ledger WHERE commitment_id = @id", new { id }))
                .ShouldBe([.. Enumerable.Range(0, 25).Select(n => $"Step{n:D2}")]);
        (await ledger.Verifier.VerifyAsync()).ShouldSatisfyAllConditions(r => r.Intact.ShouldBeTrue(), r => r.Entries.ShouldBe(200));
    }
}
