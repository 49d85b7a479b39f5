using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.Ledger.Tree;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Tests.Commitments.LedgerTree;

/// <summary>
/// Each way of rewriting history with the database in hand, on a sealed and checkpointed ledger: each is found,
/// and named — which entry, which checkpoint, which tree node.
/// </summary>
public sealed class LedgerTamperTests
{
    /// <summary>40 entries, sealed and checkpointed, then 5 more sealed after the checkpoint (by a node that signed nothing).</summary>
    private static async Task<TestLedger> Sealed()
    {
        var ledger = await TestLedger.CreateAsync(40);
        await ledger.CheckpointAsync();
        await ledger.AppendAsync(5);
        await ledger.Unsigned.IntegrateAllAsync(default);
        (await ledger.Verifier.VerifyAsync()).ShouldSatisfyAllConditions(r => r.Intact.ShouldBeTrue(), r => r.Entries.ShouldBe(45), r => r.TreeSize.ShouldBe(45));
        return ledger;
    }

    [Fact]
    public async Task A_backlog_larger_than_a_batch_is_sealed_a_batch_per_transaction()
    {
        await using var ledger = await TestLedger.CreateAsync(LedgerSequencer.BatchSize + 50);
        var head = (await ledger.Sequencer.IntegrateAllAsync(default))!;
        (head.Size, Convert.ToHexStringLower(head.Root)).ShouldBe((LedgerSequencer.BatchSize + 50L, Convert.ToHexStringLower(await ledger.RecomputedRootAsync(LedgerSequencer.BatchSize + 50))));
        (await ledger.Scalar<long[]>("SELECT array_agg(size ORDER BY size) FROM ledger_tree_heads")).ShouldBe([LedgerSequencer.BatchSize, LedgerSequencer.BatchSize + 50L]);
        // Each batch is sealed with its own signed checkpoint.
        (await ledger.Scalar<long[]>("SELECT array_agg(size ORDER BY id) FROM ledger_checkpoints")).ShouldBe([LedgerSequencer.BatchSize, LedgerSequencer.BatchSize + 50L]);
        (await ledger.Verifier.VerifyAsync()).ShouldSatisfyAllConditions(r => r.Intact.ShouldBeTrue(), r => r.Seal.ShouldBe("verified"));
    }

    [Fact]
    public async Task The_sequencer_signs_each_batch_but_never_a_tree_rebuilt_from_a_rewritten_ledger()
    {
        await using var ledger = await TestLedger.CreateAsync(40);
        await ledger.Sequencer.IntegrateAllAsync(default);
        await ledger.AppendAsync(5);
        await ledger.Sequencer.IntegrateAllAsync(default);
        await ledger.Sequencer.IntegrateAllAsync(default); // nothing new: no checkpoint
        (await ledger.Scalar<long[]>("SELECT array_agg(size ORDER BY id) FROM ledger_checkpoints")).ShouldBe([40L, 45L]);
        var signed = await ledger.Scalar<byte[]>("SELECT tree_root FROM ledger_checkpoints WHERE size = 45");
        signed.ShouldBe(await ledger.RecomputedRootAsync(45));
        (await ledger.Verifier.VerifyAsync()).ShouldSatisfyAllConditions(r => r.Intact.ShouldBeTrue(), r => r.Seal.ShouldBe("verified"));

        // An insider rewrites entry 20, re-chains, rebuilds the whole tree and adds an entry: the sequencer seals the batch but signs nothing.
        await ledger.AsSuperuser("""
            UPDATE commitment_ledger SET reason = '双方协商一致' WHERE seq = 20;
            DELETE FROM ledger_tree_nodes; DELETE FROM ledger_tree_heads;
            """);
        await ledger.RechainAsync();
        await ledger.Sequencer.IntegrateAllAsync(default);
        await ledger.AppendAsync(1);
        await ledger.Sequencer.IntegrateAllAsync(default);
        (await ledger.Scalar<long>("SELECT max(size) FROM ledger_tree_heads")).ShouldBe(46);
        (await ledger.Scalar<long[]>("SELECT array_agg(size ORDER BY id) FROM ledger_checkpoints")).ShouldBe([40L, 45L]);
        // Nor on demand: refused with the reason.
        (await Should.ThrowAsync<Domain.Common.DomainException>(ledger.CheckpointAsync)).Code.ShouldBe("ledger.checkpoint_refused");
        (await ledger.Verifier.VerifyAsync()).ShouldSatisfyAllConditions(r => r.Intact.ShouldBeFalse(), r => r.ProblemCode.ShouldBe("root_mismatch"));
    }

    [Fact]
    public async Task A_flipped_byte_in_a_middle_entry_is_named()
    {
        await using var ledger = await Sealed();
        await ledger.AsSuperuser("UPDATE commitment_ledger SET state = replace(state, '审批', '审查') WHERE seq = 20");

        var result = await ledger.Verifier.VerifyAsync();
        (result.Intact, result.FirstBrokenSeq, result.ProblemCode, result.Entries).ShouldBe((false, 20L, "content", 45L));
    }

    [Fact]
    public async Task Deleting_the_newest_entries_after_a_checkpoint_is_a_truncation_naming_the_checkpoint()
    {
        await using var ledger = await Sealed();
        var checkpoint = await ledger.Scalar<long>("SELECT max(id) FROM ledger_checkpoints");
        // The chain of the 30 left still holds, link by link: only what was sealed can tell.
        await ledger.AsSuperuser("DELETE FROM commitment_ledger WHERE seq > 30");

        var result = await ledger.Verifier.VerifyAsync();
        (result.Intact, result.ProblemCode, result.Entries, result.FirstBrokenSeq).ShouldBe((false, "truncated", 30L, 31L));
        result.ProblemArgs!.Take(3).ShouldBe([checkpoint, 40L, 30L]);
    }

    [Fact]
    public async Task Deleting_entries_sealed_after_the_last_checkpoint_is_a_truncation_of_the_tree()
    {
        await using var ledger = await Sealed();
        await ledger.AsSuperuser("DELETE FROM commitment_ledger WHERE seq > 42");

        var result = await ledger.Verifier.VerifyAsync();
        (result.Intact, result.ProblemCode, result.FirstBrokenSeq).ShouldBe((false, "tree_truncated", 43L));
        result.ProblemArgs.ShouldBe([45L, 42L]);
    }

    [Fact]
    public async Task An_entry_deleted_and_the_rest_renumbered_to_close_the_gap_is_a_broken_link_named_where_it_breaks()
    {
        await using var ledger = await Sealed();
        await ledger.AsSuperuser("DELETE FROM commitment_ledger WHERE seq = 20; UPDATE commitment_ledger SET seq = seq - 1 WHERE seq > 20");

        var result = await ledger.Verifier.VerifyAsync();
        (result.Intact, result.ProblemCode, result.FirstBrokenSeq, result.Entries).ShouldBe((false, "link", 20L, 44L));
    }

    [Fact]
    public async Task Two_entries_swapped_and_the_chain_recomputed_are_named_by_the_tree()
    {
        await using var ledger = await Sealed();
        await ledger.AsSuperuser("""
            UPDATE commitment_ledger SET seq = -10 WHERE seq = 10;
            UPDATE commitment_ledger SET seq = 10 WHERE seq = 11;
            UPDATE commitment_ledger SET seq = 11 WHERE seq = -10;
            """);
        await ledger.RechainAsync();

        var result = await ledger.Verifier.VerifyAsync();
        (result.Intact, result.ProblemCode, result.FirstBrokenSeq).ShouldBe((false, "leaf_mismatch", 10L));
        result.BrokenCommitmentId.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_forged_entry_inserted_with_the_chain_and_the_tree_rebuilt_is_caught_by_the_checkpoints_root()
    {
        await using var ledger = await Sealed();
        var checkpoint = await ledger.Scalar<long>("SELECT max(id) FROM ledger_checkpoints");
        // Make room after entry 20, put a forged entry there, re-chain, and rebuild the whole tree from the forged ledger.
        await ledger.AsSuperuser("""
            UPDATE commitment_ledger SET seq = seq + 1000000 WHERE seq > 20;
            UPDATE commitment_ledger SET seq = seq - 999999 WHERE seq > 1000000;
            INSERT INTO commitment_ledger (seq, commitment_id, event, actor, at, reason, state, prev_hash, hash)
            SELECT 21, commitment_id, 'Cancelled', actor, at, '双方协商一致', state, prev_hash, hash FROM commitment_ledger WHERE seq = 20;
            DELETE FROM ledger_tree_nodes; DELETE FROM ledger_tree_heads;
            """);
        await ledger.RechainAsync();
        await ledger.Sequencer.IntegrateAllAsync(default);

        var result = await ledger.Verifier.VerifyAsync();
        (result.Intact, result.ProblemCode, result.Entries).ShouldBe((false, "root_mismatch", 46L));
        result.ProblemArgs!.Take(2).ShouldBe([checkpoint, 40L]);
    }

    [Fact]
    public async Task A_changed_tree_node_is_named_with_the_entries_it_covers()
    {
        await using var ledger = await Sealed();
        await ledger.AsSuperuser("UPDATE ledger_tree_nodes SET hash = set_byte(hash, 0, get_byte(hash, 0) # 1) WHERE level = 2 AND idx = 1");

        var result = await ledger.Verifier.VerifyAsync();
        (result.Intact, result.ProblemCode, result.BrokenCommitmentId).ShouldBe((false, "node_mismatch", (Guid?)null));
        result.ProblemArgs.ShouldBe([2, 1L, 5L, 8L]);
    }

    [Fact]
    public async Task An_entry_forged_by_the_app_role_is_named_and_never_sealed()
    {
        await using var ledger = await Sealed();
        await using (var cn = await ledger.App.OpenConnectionAsync())
            await cn.ExecuteAsync("""
                INSERT INTO commitment_ledger (seq, commitment_id, event, actor, at, reason, state, prev_hash, hash)
                SELECT 46, commitment_id, 'Fulfilled', actor, at, NULL, state, hash, hash FROM commitment_ledger WHERE seq = 45
                """);
        await ledger.Sequencer.IntegrateAllAsync(default);

        (await ledger.Scalar<long>("SELECT max(size) FROM ledger_tree_heads")).ShouldBe(45);
        var result = await ledger.Verifier.VerifyAsync();
        (result.Intact, result.ProblemCode, result.FirstBrokenSeq).ShouldBe((false, "content", 46L));
    }

    [Fact]
    public async Task The_app_role_cannot_change_or_remove_tree_nodes_or_heads()
    {
        await using var ledger = await Sealed();
        await using var cn = await ledger.App.OpenConnectionAsync();
        foreach (var sql in new[] { "UPDATE ledger_tree_nodes SET hash = hash", "DELETE FROM ledger_tree_heads", "TRUNCATE ledger_tree_nodes", "UPDATE ledger_checkpoints SET tree_root = NULL" })
            (await Should.ThrowAsync<PostgresException>(() => cn.ExecuteAsync(sql))).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, sql);
    }
}
