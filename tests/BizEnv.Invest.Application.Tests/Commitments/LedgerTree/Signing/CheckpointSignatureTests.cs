using System.Diagnostics;
using System.Text;
using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using BizEnv.Invest.Testing;
using Microsoft.Extensions.Configuration;
using Org.BouncyCastle.Crypto.Parameters;

namespace BizEnv.Invest.Application.Tests.Commitments.LedgerTree.Signing;

/// <summary>
/// The checkpoint signatures against a second implementation: a fixed SM2/SM3 vector made by OpenSSL 3 (SM2 signatures
/// are randomised, so a known answer is a signature to verify, not one to reproduce), our signatures checked by
/// OpenSSL, and Ed25519 against RFC 8032.
/// </summary>
public sealed class CheckpointSignatureTests
{
    /// <summary>The public half of <see cref="TestSigningKey.Sm2"/>, as `openssl pkey -pubout` wrote it.</summary>
    private const string VectorPublicKey = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAEiUPGI3L/fSfipe2fFWz0s5bOP1tT
        l+NTdcQErm85BVrIlx6coLwFArJuSZXp3Rtmg88kDS82HrR+mlrU+2gWXw==
        -----END PUBLIC KEY-----
        """;

    private const string VectorMessage = "haichuan.invest/ledger\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\ntime 2026-11-29T20:00:00Z\n";

    /// <summary>
    /// `openssl pkeyutl -sign -inkey key.pem -rawin -digest sm3 -pkeyopt distid:1234567812345678` over <see cref="VectorMessage"/>
    /// (DER r, s). The id is GM/T 0009's default; OpenSSL 3 hashes an empty id into Z unless told.
    /// </summary>
    private const string VectorSignature = "3045022100c6b7650918a85dd83894928e785c87b803e95b87653c7741b071d5a7432bce8202207df093349c131110a62a46dfd376cc68a33eb41adeaa3b484ba04ea0e81ce7e2";

    private static CheckpointSigner Sm2() => CheckpointSigner.FromConfiguration(Config(("Ledger:SigningKey", TestSigningKey.Sm2)));

    private static IConfiguration Config(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

    [Fact]
    public void An_SM2_signature_made_by_OpenSSL_verifies_and_a_changed_one_does_not()
    {
        var signer = Sm2();
        (signer.Algorithm, signer.UserId, signer.PublicKeyPem.Replace("\n", "")).ShouldBe(("SM2-SM3", "1234567812345678", VectorPublicKey.Replace("\n", "")));
        var message = Encoding.UTF8.GetBytes(VectorMessage);
        var signature = Convert.FromHexString(VectorSignature);
        signer.Verify(message, signature).ShouldBeTrue();
        signer.Verify(Encoding.UTF8.GetBytes(VectorMessage.Replace("\n3\n", "\n4\n")), signature).ShouldBeFalse();
        signature[^1] ^= 1;
        signer.Verify(message, signature).ShouldBeFalse();
    }

    [Fact]
    public void The_key_reads_as_PEM_too_and_another_user_id_gives_another_Z()
    {
        var pem = $"-----BEGIN PRIVATE KEY-----\n{TestSigningKey.Sm2}\n-----END PRIVATE KEY-----\n";
        CheckpointSigner.FromConfiguration(Config(("Ledger:SigningKey", pem))).Verify(Encoding.UTF8.GetBytes(VectorMessage), Convert.FromHexString(VectorSignature)).ShouldBeTrue();
        CheckpointSigner.FromConfiguration(Config(("Ledger:SigningKey", pem), ("Ledger:Sm2UserId", "ALICE123@YAHOO.COM")))
            .Verify(Encoding.UTF8.GetBytes(VectorMessage), Convert.FromHexString(VectorSignature)).ShouldBeFalse();
    }

    [Fact]
    public void OpenSSL_verifies_our_SM2_signature_of_a_checkpoint_note()
    {
        var signer = Sm2();
        var note = CheckpointNote.Parse(CheckpointNote.Sign(signer, 42, new byte[32], DateTimeOffset.UnixEpoch))!;
        OpenSslVerify(signer.PublicKeyPem, note.Body, note.Signature, "-digest", "sm3", "-pkeyopt", "distid:1234567812345678").ShouldBe(0);
        var forged = note.Signature.ToArray();
        forged[^1] ^= 1;
        OpenSslVerify(signer.PublicKeyPem, note.Body, forged, "-digest", "sm3", "-pkeyopt", "distid:1234567812345678").ShouldNotBe(0);
    }

    [Fact]
    public void Ed25519_signs_RFC_8032_test_1_and_OpenSSL_verifies_a_note()
    {
        // RFC 8032 §7.1 TEST 1: the empty message.
        var key = new Ed25519PrivateKeyParameters(Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        var signer = new CheckpointSigner("haichuan.invest/ledger", key);
        Convert.ToHexStringLower(signer.Sign([])).ShouldBe(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        Convert.ToHexStringLower(key.GeneratePublicKey().GetEncoded()).ShouldBe("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        var note = CheckpointNote.Parse(CheckpointNote.Sign(signer, 7, new byte[32], DateTimeOffset.UnixEpoch))!;
        (signer.Algorithm, note.VerifiedBy(signer)).ShouldBe(("Ed25519", true));
        OpenSslVerify(signer.PublicKeyPem, note.Body, note.Signature).ShouldBe(0);
    }

    [Fact]
    public void Without_a_configured_key_a_random_one_signs_and_the_note_round_trips()
    {
        var warnings = new List<string>();
        var signer = CheckpointSigner.FromConfiguration(Config(("Ledger:SigningAlgorithm", "Ed25519"), ("Ledger:Origin", "test.invest/ledger")), warnings.Add);
        warnings.Count.ShouldBe(1);
        var text = CheckpointNote.Sign(signer, 3, Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.FromHours(8)));
        text.ShouldStartWith("test.invest/ledger\n3\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\ntime 2026-11-29T00:00:00Z\n\n\u2014 test.invest/ledger ");
        var note = CheckpointNote.Parse(text)!;
        (note.Size, note.KeyHash.Length, note.VerifiedBy(signer)).ShouldBe((3L, 4, true));
        CheckpointNote.Parse(text.Replace("\n3\n", "\n4\n"))!.VerifiedBy(signer).ShouldBeFalse();
        CheckpointNote.Parse(text)!.VerifiedBy(Sm2()).ShouldBeFalse();
    }

    [Fact]
    public void A_key_of_the_other_algorithm_is_refused() =>
        Should.Throw<InvalidOperationException>(() => CheckpointSigner.FromConfiguration(Config(("Ledger:SigningKey", TestSigningKey.Sm2), ("Ledger:SigningAlgorithm", "Ed25519"))));

    /// <summary>Runs `openssl pkeyutl -verify` on files in a temporary directory; returns its exit code (0: verified).</summary>
    private static int OpenSslVerify(string publicKeyPem, string message, byte[] signature, params string[] options)
    {
        var dir = Directory.CreateTempSubdirectory("sm2-verify-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "pub.pem"), publicKeyPem);
            File.WriteAllBytes(Path.Combine(dir, "msg"), Encoding.UTF8.GetBytes(message));
            File.WriteAllBytes(Path.Combine(dir, "sig"), signature);
            var start = new ProcessStartInfo("openssl") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in (string[])["pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "msg", "-sigfile", "sig", .. options])
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        finally { Directory.Delete(dir, true); }
    }
}
