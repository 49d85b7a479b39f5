using System.Text;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments;
using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using BizEnv.Invest.Application.Commitments.Ledger.Tree;
using BizEnv.Invest.Application.Commitments.Receipts;
using BizEnv.Invest.Application.Commitments.Receipts.GetLogState;
using BizEnv.Invest.Application.Commitments.Receipts.GetPublicReceipt;
using BizEnv.Invest.Application.Commitments.Receipts.GetReceipt;
using BizEnv.Invest.Application.Commitments.RecordCommitment;
using BizEnv.Invest.Application.Commitments.VerifyLedger;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Ledger.Merkle;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Application.Tests.Commitments.Receipts;

internal static class ReceiptSteps
{
    /// <summary>
    /// An officer records one promise of value; its first ledger entry's seq comes back with it, sealed by the sequencer — with a
    /// signed checkpoint, or by a node whose signing failed (<paramref name="signed"/> false: sealed into the tree, no checkpoint).
    /// </summary>
    public static async Task<(CommitmentState Promise, long Seq)> RecordPromise(this AppFixture app, string clause = "三个工作日内完成环评批复", bool signed = true)
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var promise = await app.Send(new RecordCommitment(project.Id, CommitmentKind.ApprovalSpeed, clause, 1_250_000m, null, null, null,
            new DateOnly(2026, 11, 1), new DateOnly(2027, 1, 31), null, null, null), officer);
        if (signed)
            await app.SealLedgerAsync();
        else
            await new LedgerSequencer(app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(),
                Microsoft.Extensions.Logging.Abstractions.NullLogger<LedgerSequencer>.Instance).IntegrateAllAsync(default);
        var seq = await app.Scalar<long>("SELECT max(seq) FROM commitment_ledger WHERE commitment_id = @Id", new { promise.Id });
        return (promise, seq);
    }

    public static async Task<CheckpointDto> Checkpoint(this AppFixture app) => await app.Send(new CreateCheckpoint(), await app.As("integrity"));

    /// <summary>What a reader does with a receipt and the published key, in C#: leaf, inclusion proof, note signature.</summary>
    public static void ShouldVerifyWith(this Receipt receipt, ICheckpointSigner signer)
    {
        var note = CheckpointNote.Parse(receipt.Checkpoint).ShouldNotBeNull();
        note.VerifiedBy(signer).ShouldBeTrue();
        note.Size.ShouldBe(receipt.TreeSize);
        var leaf = MerkleHash.LeafHash(Encoding.UTF8.GetBytes(receipt.Entry));
        Convert.ToHexStringLower(leaf).ShouldBe(receipt.LeafHash);
        MerkleVerifier.VerifyInclusion(receipt.LeafIndex, note.Size, leaf, [.. receipt.InclusionProof.Select(Convert.FromHexString)], note.Root).ShouldBeTrue();
    }
}

/// <summary>Receipts of promise ledger entries (issue #13): what they carry, that they verify, and who may print them.</summary>
public sealed class ReceiptTests(AppFixture app) : IClassFixture<AppFixture>
{
    private ICheckpointSigner Signer => app.Services.GetRequiredService<ICheckpointSigner>();

    [Fact]
    public async Task A_receipt_carries_the_entry_as_hashed_its_leaf_the_signed_checkpoint_and_a_proof_the_verifier_accepts()
    {
        var (promise, seq) = await app.RecordPromise();
        await app.Checkpoint();

        var receipt = await app.Send(new GetReceipt(promise.Id, seq), await app.As("officer"));

        (receipt.Format, receipt.Origin, receipt.KeyId, receipt.Algorithm).ShouldBe((Receipt.FormatV1, Signer.Name, Signer.KeyId, Signer.Algorithm));
        (receipt.CommitmentId, receipt.Seq, receipt.LeafIndex).ShouldBe((promise.Id, seq, seq - 1));
        receipt.TreeSize.ShouldBeGreaterThanOrEqualTo(seq);
        receipt.Cosignatures.ShouldBeEmpty();
        // The entry is the canonical text the chain and the tree hash: seq, promise, event, …, the state JSON last.
        var lines = receipt.Entry.Split('\n');
        (lines[0], lines[1], lines[2]).ShouldBe((seq.ToString(System.Globalization.CultureInfo.InvariantCulture), promise.Id.ToString("D"), "Recorded"));
        lines[^1].ShouldContain("三个工作日内完成环评批复");
        receipt.ShouldVerifyWith(Signer);
        Convert.ToHexStringLower(MerkleHash.LeafHash(Encoding.UTF8.GetBytes(receipt.Entry))).ShouldBe(
            Convert.ToHexStringLower(MerkleHash.LeafHash((await ReadRow(seq)).Canonical())));

        // The terms in Chinese, then English.
        var terms = receipt.Terms.ToDictionary(t => t.Name);
        terms["投资方"].Value.ShouldBe(promise.InvestorName);
        terms["承诺条款"].Value.ShouldBe("三个工作日内完成环评批复");
        terms["承诺金额"].Value.ShouldBe("1,250,000.00 元");
        terms["兑现期限"].Value.ShouldBe("2027-01-31");
        terms["事件"].Value.ShouldBe("登记");
        terms["事件"].ValueEn.ShouldBe("Recorded");
        terms["状态"].NameEn.ShouldBe("Status");
        terms["状态"].Value.ShouldBe(BizEnv.Invest.Application.Localization.Text.In("zh-CN", $"commitmentstatus.{promise.Status}"));
    }

    [Fact]
    public async Task An_entry_no_signed_checkpoint_covers_yet_has_no_receipt_and_says_so()
    {
        await app.Checkpoint();
        var (promise, seq) = await app.RecordPromise(signed: false);

        var officer = await app.As("officer");
        var refused = await Should.ThrowAsync<DomainException>(() => app.Send(new GetReceipt(promise.Id, seq), officer));
        (refused.Code, refused.Args[0]).ShouldBe(("receipt.not_sealed", (object)seq));
    }

    [Fact]
    public async Task Whoever_may_read_the_promise_prints_its_receipts_and_no_one_else()
    {
        var (promise, seq) = await app.RecordPromise();
        var (other, otherSeq) = await app.RecordPromise("另一项承诺");
        await app.Checkpoint();

        foreach (var reader in new[] { "officer", "leader", "integrity", "admin" })
            (await app.Send(new GetReceipt(promise.Id, seq), await app.As(reader))).Seq.ShouldBe(seq, reader);
        // Another unit's officer does not see the promise at all; a park manager may not read promises.
        var (officer, officer2, park) = (await app.As("officer"), await app.As("officer2"), await app.As("park"));
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new GetReceipt(promise.Id, seq), officer2));
        await Should.ThrowAsync<ForbiddenException>(() => app.Send(new GetReceipt(promise.Id, seq), park));
        await Should.ThrowAsync<UnauthenticatedException>(() => app.Send(new GetReceipt(promise.Id, seq), Actor.Anonymous(null)));
        // An entry of another promise is not printed under this one.
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new GetReceipt(promise.Id, otherSeq), officer));
        (await app.Send(new GetReceipt(other.Id, otherSeq), officer)).CommitmentId.ShouldBe(other.Id);
    }

    [Fact]
    public async Task Without_sign_in_the_leaf_hash_fetches_its_receipt_and_the_log_proves_the_entry_is_still_in_it()
    {
        var (promise, seq) = await app.RecordPromise();
        await app.Checkpoint();
        var printed = await app.Send(new GetReceipt(promise.Id, seq), await app.As("officer"));
        var anyone = Actor.Anonymous("198.51.100.4");

        var fetched = await app.Send(new GetPublicReceipt(printed.LeafIndex, printed.LeafHash), anyone);
        (fetched.Entry, fetched.Checkpoint, fetched.LeafHash).ShouldBe((printed.Entry, printed.Checkpoint, printed.LeafHash));
        // The index alone reads nothing: a wrong or malformed hash is not found.
        var wrong = Convert.ToHexStringLower(new byte[32]);
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new GetPublicReceipt(printed.LeafIndex, wrong), anyone));
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new GetPublicReceipt(printed.LeafIndex, "zz"), anyone));

        // The log grows and is checkpointed again: the newest note extends the receipt's tree, as the proof shows.
        await app.RecordPromise("后来的承诺");
        await app.Checkpoint();
        var state = await app.Send(new GetLogState(printed.TreeSize, printed.LeafIndex, printed.LeafHash), anyone);
        var latest = CheckpointNote.Parse(state.Checkpoint!).ShouldNotBeNull();
        latest.VerifiedBy(Signer).ShouldBeTrue();
        state.TreeSize.ShouldBe(latest.Size);
        state.TreeSize.ShouldBeGreaterThan(printed.TreeSize);
        state.EntryHeld.ShouldBe(true);
        MerkleVerifier.VerifyConsistency(printed.TreeSize, latest.Size, Convert.FromHexString(printed.RootHash), latest.Root,
            [.. state.ConsistencyProof!.Select(Convert.FromHexString)]).ShouldBeTrue();
        (await app.Send(new GetLogState(printed.TreeSize, printed.LeafIndex, wrong), anyone)).EntryHeld.ShouldBe(false);
    }

    private async Task<Application.Commitments.Ledger.LedgerRow> ReadRow(long seq)
    {
        await using var cn = new Npgsql.NpgsqlConnection(app.Database.AppConnectionString);
        await cn.OpenAsync();
        return (await ReceiptBuilder.ReadEntryAsync(cn, null, seq, default))!;
    }
}

/// <summary>A ledger cut short with the database in hand: the log no longer offers what the receipt was proved against.</summary>
public sealed class ReceiptTruncationTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task After_the_ledger_is_truncated_below_a_receipt_the_log_state_shows_it_shrank_and_no_longer_holds_the_entry()
    {
        var (promise, seq) = await app.RecordPromise();
        await app.RecordPromise("再一项承诺");
        await app.Checkpoint();
        var printed = await app.Send(new GetReceipt(promise.Id, seq), await app.As("officer"));
        var anyone = Actor.Anonymous(null);

        await using (var su = new Npgsql.NpgsqlConnection(app.Database.SuperuserConnectionString))
        {
            await su.OpenAsync();
            await Dapper.SqlMapper.ExecuteAsync(su, "SET session_replication_role = replica; DELETE FROM commitment_ledger WHERE seq >= @seq", new { seq });
        }

        var state = await app.Send(new GetLogState(printed.TreeSize, printed.LeafIndex, printed.LeafHash), anyone);
        state.StoredEntries.ShouldBe(seq - 1);
        state.TreeSize.ShouldBeLessThan(printed.TreeSize);
        state.ConsistencyProof.ShouldBeNull();
        state.EntryHeld.ShouldBe(false);
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new GetPublicReceipt(printed.LeafIndex, printed.LeafHash), anyone));
    }
}
