using BizEnv.Invest.Application.Commitments.Ledger.Signing;

namespace BizEnv.Invest.Application.Tests.Commitments.LedgerTree;

/// <summary>
/// A written checkpoint is a signed note that verifies with the published key; a superuser who edits the note, its
/// signature, or the row's size under it is named by the ledger check, and an HMAC checkpoint is shown as legacy.
/// </summary>
public sealed class SignedCheckpointTests
{
    private static async Task<TestLedger> Checkpointed()
    {
        var ledger = await TestLedger.CreateAsync(12);
        var checkpoint = await ledger.CheckpointAsync();
        (checkpoint.Algorithm, checkpoint.KeyId).ShouldBe(("SM2-SM3", ledger.Signer.KeyId));
        CheckpointNote.Parse(checkpoint.Note)!.ShouldSatisfyAllConditions(n => n.Size.ShouldBe(12), n => n.VerifiedBy(ledger.Signer).ShouldBeTrue());
        (await ledger.Verifier.VerifyAsync()).ShouldSatisfyAllConditions(r => r.Intact.ShouldBeTrue(), r => r.Seal.ShouldBe("verified"));
        return ledger;
    }

    [Theory]
    [InlineData("UPDATE ledger_checkpoints SET note = replace(note, E'\\n12\\n', E'\\n13\\n')")]
    [InlineData("UPDATE ledger_checkpoints SET note = @flipped")]
    [InlineData("UPDATE ledger_checkpoints SET size = 11")]
    [InlineData("UPDATE ledger_checkpoints SET note = 'not a note'")]
    public async Task A_tampered_checkpoint_is_named_by_the_check(string tamper)
    {
        await using var ledger = await Checkpointed();
        var id = await ledger.Scalar<long>("SELECT id FROM ledger_checkpoints");
        // @flipped: the note with one bit of its signature flipped (key hash and body intact).
        var note = CheckpointNote.Parse(await ledger.Scalar<string>("SELECT note FROM ledger_checkpoints"))!;
        var flipped = $"{note.Body}\n\u2014 {ledger.Signer.Name} {Convert.ToBase64String([.. note.KeyHash, .. note.Signature[..^1], (byte)(note.Signature[^1] ^ 1)])}\n";
        await ledger.AsSuperuser(tamper, new { flipped });
        var result = await ledger.Verifier.VerifyAsync();
        (result.Intact, result.ProblemCode, result.Seal, result.ProblemArgs![0]).ShouldBe((false, "signature", "invalid", (object)id));
    }

    [Fact]
    public async Task An_HMAC_checkpoint_is_legacy_and_still_seals_its_size()
    {
        await using var ledger = await Checkpointed();
        await ledger.AsSuperuser("UPDATE ledger_checkpoints SET note = NULL, algorithm = NULL, key_id = NULL");
        (await ledger.Verifier.VerifyAsync()).ShouldSatisfyAllConditions(r => r.Intact.ShouldBeTrue(), r => r.Seal.ShouldBe("legacy"));
    }
}
