using BizEnv.Invest.Application.Commitments.GetLedgerProof;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.Ledger.Tree;
using BizEnv.Invest.Application.Commitments.RecordCommitment;
using BizEnv.Invest.Application.Commitments.VerifyLedger;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Ledger.Merkle;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BizEnv.Invest.Application.Tests.Commitments.LedgerTree;

internal static class LedgerTreeTestSteps
{
    /// <summary>A promotion officer records <paramref name="n"/> promises for a new project: one ledger entry each.</summary>
    public static async Task RecordPromises(this AppFixture app, int n)
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        for (var i = 0; i < n; i++)
            await app.Send(new RecordCommitment(project.Id, CommitmentKind.ApprovalSpeed, $"审批 {i} 个工作日内办结", null, null, null, null,
                new DateOnly(2026, 11, 1), new DateOnly(2027, 1, 31), null, null, null), officer);
    }
}

/// <summary>The tree over the demo ledger as the app runs it: sealing, checkpoints and the proofs the API serves.</summary>
public sealed class LedgerTreeTests(AppFixture app) : IClassFixture<AppFixture>
{
    private LedgerSequencer Sequencer => app.Services.GetRequiredService<LedgerSequencer>();

    /// <summary>Leaf hashes of the ledger as stored, recomputed here from the entries and nothing else.</summary>
    private async Task<List<byte[]>> Leaves()
    {
        await using var cn = new NpgsqlConnection(app.Database.AppConnectionString);
        await cn.OpenAsync();
        var leaves = new List<byte[]>();
        await foreach (var row in LedgerRows.StreamAsync(cn, 0, null))
            leaves.Add(MerkleHash.LeafHash(row.Canonical()));
        return leaves;
    }

    private static byte[] Root(IEnumerable<byte[]> leaves)
    {
        var tree = new MerkleAppender();
        tree.Append(leaves);
        return tree.Root();
    }

    [Fact]
    public async Task Entries_written_before_and_after_the_sequencer_runs_are_sealed_and_the_root_is_the_one_recomputed_from_the_entries()
    {
        await app.RecordPromises(12);
        var head = (await Sequencer.IntegrateAllAsync(default))!;
        var leaves = await Leaves();
        leaves.Count.ShouldBeGreaterThanOrEqualTo(12);
        (head.Size, Convert.ToHexStringLower(head.Root)).ShouldBe((leaves.Count, Convert.ToHexStringLower(Root(leaves))));

        await app.RecordPromises(3);
        var checkpoint = await app.Send(new CreateCheckpoint(), await app.As("integrity"));

        leaves = await Leaves();
        (checkpoint.Size, checkpoint.TreeRoot).ShouldBe((leaves.Count, Convert.ToHexStringLower(Root(leaves))));
        var check = await app.Send(new VerifyLedger(), await app.As("integrity"));
        (check.Intact, check.TreeSize, check.TreeRoot).ShouldBe((true, leaves.Count, checkpoint.TreeRoot));
        (check.Seal, check.SealText).ShouldBe(("verified", BizEnv.Invest.Application.Localization.Text.Get("ledger.seal.verified"))); // said in words on the page
    }

    [Fact]
    public async Task Inclusion_and_consistency_proofs_verify_against_roots_recomputed_from_the_entries()
    {
        await app.RecordPromises(20);
        await Sequencer.IntegrateAllAsync(default);
        var integrity = await app.As("integrity");
        var leaves = await Leaves();
        var n = leaves.Count;
        foreach (var size in new long[] { 1, 2, 3, 7, 8, n / 2, n - 1, n })
        {
            var root = Root(leaves.Take((int)size));
            foreach (var index in new long[] { 0, size / 3, size / 2, size - 1 }.Distinct())
            {
                var proof = await app.Send(new GetInclusionProof(index + 1, null, size), integrity);
                (proof.LeafIndex, proof.TreeSize, proof.RootHash, proof.LeafHash).ShouldBe((index, size, Convert.ToHexStringLower(root), Convert.ToHexStringLower(leaves[(int)index])));
                MerkleVerifier.VerifyInclusion(index, size, leaves[(int)index], [.. proof.Path.Select(Convert.FromHexString)], root).ShouldBeTrue($"entry {index + 1} in {size}");
            }
            foreach (var older in new long[] { 1, size / 2, size - 1, size }.Where(o => o >= 1).Distinct())
            {
                var proof = await app.Send(new GetConsistencyProof(older, size), integrity);
                MerkleVerifier.VerifyConsistency(older, size, Root(leaves.Take((int)older)), root, [.. proof.Proof.Select(Convert.FromHexString)])
                    .ShouldBeTrue($"{older} → {size}");
            }
        }
        // By leaf index, and at the newest sealed size when none is given.
        var newest = await app.Send(new GetInclusionProof(null, 0, null), integrity);
        (newest.Seq, newest.TreeSize, newest.SealedHead.Size).ShouldBe((1, n, n));
    }

    [Theory]
    [InlineData(1L, null, 0L, "ledger.proof.tree_size")]
    [InlineData(1L, null, long.MaxValue, "ledger.proof.tree_size")]
    [InlineData(0L, null, null, "ledger.proof.leaf_out_of_range")]
    [InlineData(null, 5L, 5L, "ledger.proof.leaf_out_of_range")]
    [InlineData(null, null, null, "ledger.proof.entry_required")]
    public async Task A_bad_inclusion_request_is_refused_with_its_code(long? seq, long? leafIndex, long? treeSize, string code)
    {
        await app.RecordPromises(5);
        await Sequencer.IntegrateAllAsync(default);
        var integrity = await app.As("integrity");
        (await Should.ThrowAsync<DomainException>(() => app.Send(new GetInclusionProof(seq, leafIndex, treeSize), integrity))).Code.ShouldBe(code);
    }

    [Theory]
    [InlineData(0L, null, "ledger.proof.sizes")]
    [InlineData(6L, 5L, "ledger.proof.sizes")]
    [InlineData(1L, long.MaxValue, "ledger.proof.tree_size")]
    public async Task A_bad_consistency_request_is_refused_with_its_code(long oldSize, long? newSize, string code)
    {
        await app.RecordPromises(5);
        await Sequencer.IntegrateAllAsync(default);
        var integrity = await app.As("integrity");
        (await Should.ThrowAsync<DomainException>(() => app.Send(new GetConsistencyProof(oldSize, newSize), integrity))).Code.ShouldBe(code);
    }
}
