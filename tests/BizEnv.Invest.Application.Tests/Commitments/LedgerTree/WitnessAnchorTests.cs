using System.Security.Cryptography;
using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using BizEnv.Invest.Application.Commitments.Witnesses;
using BizEnv.Invest.Domain.Ledger.Witness;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace BizEnv.Invest.Application.Tests.Commitments.LedgerTree;

/// <summary>
/// Cosignatures checked with real Ed25519 keys, and the ledger check anchored on the latest checkpoint a registered
/// witness cosigned: a later checkpoint of the same size with another root (signed with the log's own key) is then not
/// what the entries are held against — until nobody witnessed anything, when the latest is.
/// </summary>
public sealed class WitnessAnchorTests
{
    internal static (Ed25519PrivateKeyParameters Key, byte[] Public) NewKey()
    {
        var key = new Ed25519PrivateKeyParameters(new SecureRandom());
        return (key, key.GeneratePublicKey().GetEncoded());
    }

    internal static Cosignature Cosign(string name, Ed25519PrivateKeyParameters key, string body, long seconds)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, key);
        var message = Cosignature.SignedMessage(body, seconds);
        signer.BlockUpdate(message, 0, message.Length);
        return new Cosignature(name, Cosignature.KeyHashOf(name, key.GeneratePublicKey().GetEncoded()), seconds, signer.GenerateSignature());
    }

    private static readonly string Body = $"haichuan.invest/ledger\n12\n{Convert.ToBase64String(new byte[32])}\ntime 2026-11-29T10:00:00Z\n";

    [Fact]
    public void A_cosignature_verifies_with_its_witness_key_over_that_body_at_that_time_only()
    {
        var (key, publicKey) = NewKey();
        var witness = new RegisteredWitness("audit-bureau", "审计局", publicKey, "", default, null);
        var line = Cosignature.Parse(Cosign("audit-bureau", key, Body, 1_795_000_000).Line)!;

        witness.Made(line, Body).ShouldBeTrue();
        witness.Made(line, Body.Replace("\n12\n", "\n13\n")).ShouldBeFalse();
        witness.Made(line with { UnixSeconds = 1_795_000_001 }, Body).ShouldBeFalse();
        new RegisteredWitness("audit-bureau", "审计局", NewKey().Public, "", default, null).Made(line, Body).ShouldBeFalse();
        new RegisteredWitness("peoples-congress", "人大", publicKey, "", default, null).Made(line, Body).ShouldBeFalse();
    }

    [Fact]
    public async Task The_check_holds_the_entries_against_the_latest_witnessed_checkpoint()
    {
        await using var ledger = await TestLedger.CreateAsync(12);
        var genuine = await ledger.CheckpointAsync();
        var genuineId = await ledger.Scalar<long>("SELECT max(id) FROM ledger_checkpoints");
        var (key, publicKey) = NewKey();
        // Registered as an admin would (the user row is not needed with the guards off).
        await ledger.AsSuperuser("""
            INSERT INTO ledger_witnesses (name, office, public_key, key_id, added_by, added_at) VALUES ('audit-bureau', '审计局', @publicKey, 'x', gen_random_uuid(), now())
            """, new { publicKey });
        (await ledger.Verifier.VerifyAsync()).ShouldSatisfyAllConditions(r => r.Intact.ShouldBeTrue(), r => r.Witnesses.ShouldBe(0));

        // A second checkpoint of the same size, another root, signed with the log's key: the latest, unwitnessed.
        var forgedRoot = SHA256.HashData("another history"u8);
        var forged = CheckpointNote.Sign(ledger.Signer, 12, forgedRoot, DateTimeOffset.UtcNow);
        await ledger.AsSuperuser("""
            INSERT INTO ledger_checkpoints (size, head_hash, signature, at, tree_root, note, algorithm, key_id)
            VALUES (12, @head, @signature, now(), @forgedRoot, @forged, 'SM2-SM3', 'x')
            """, new { head = new byte[32], signature = CheckpointNote.Parse(forged)!.Signature, forgedRoot, forged });
        (await ledger.Verifier.VerifyAsync()).ProblemCode.ShouldBe("root_mismatch");

        // A cosignature row whose signature does not verify anchors nothing.
        var body = CheckpointNote.Parse(genuine.Note)!.Body;
        var bad = Cosign("audit-bureau", NewKey().Key, body, 1_795_000_000);
        await ledger.AsSuperuser("INSERT INTO ledger_cosignatures VALUES (@genuineId, 'audit-bureau', @line, now(), now())", new { genuineId, line = bad.Line });
        (await ledger.Verifier.VerifyAsync()).ProblemCode.ShouldBe("root_mismatch");

        await ledger.AsSuperuser("DELETE FROM ledger_cosignatures; INSERT INTO ledger_cosignatures VALUES (@genuineId, 'audit-bureau', @line, now(), now())",
            new { genuineId, line = Cosign("audit-bureau", key, body, 1_795_000_000).Line });
        (await ledger.Verifier.VerifyAsync()).ShouldSatisfyAllConditions(r => r.Intact.ShouldBeTrue(), r => r.Witnesses.ShouldBe(1), r => r.Seal.ShouldBe("verified"));
    }
}
