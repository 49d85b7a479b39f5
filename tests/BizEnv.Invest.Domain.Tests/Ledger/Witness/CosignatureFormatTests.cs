using System.Security.Cryptography;
using System.Text;
using BizEnv.Invest.Domain.Ledger.Merkle;
using BizEnv.Invest.Domain.Ledger.Witness;

namespace BizEnv.Invest.Domain.Tests.Ledger.Witness;

/// <summary>The cosignature line, the note parser and the witness's rule — the parts that need no key.</summary>
public sealed class CosignatureFormatTests
{
    private static readonly byte[] Root = SHA256.HashData("root"u8);
    private static readonly string Body = $"haichuan.invest/ledger\n42\n{Convert.ToBase64String(Root)}\ntime 2026-11-29T10:00:00Z\n";
    private static readonly byte[] WitnessKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void A_cosignature_line_carries_name_key_hash_time_and_signature_and_reads_back()
    {
        var signature = Enumerable.Range(0, 64).Select(i => (byte)(255 - i)).ToArray();
        var line = new Cosignature("audit-bureau", Cosignature.KeyHashOf("audit-bureau", WitnessKey), 1_795_000_000, signature).Line;

        line.ShouldStartWith("\u2014 audit-bureau ");
        var bytes = Convert.FromBase64String(line.Split(' ')[2]);
        bytes.Length.ShouldBe(4 + 8 + 64);
        bytes[4..12].ShouldBe(new byte[] { 0, 0, 0, 0, 0x6A, 0xFD, 0x86, 0xC0 }); // 1_795_000_000 big-endian
        var back = Cosignature.Parse(line).ShouldNotBeNull();
        (back.WitnessName, back.UnixSeconds, back.At).ShouldBe(("audit-bureau", 1_795_000_000L, DateTimeOffset.FromUnixTimeSeconds(1_795_000_000)));
        back.Signature.ShouldBe(signature);
        back.Claims("audit-bureau", WitnessKey).ShouldBeTrue();
        back.Claims("peoples-congress", WitnessKey).ShouldBeFalse();
        back.Claims("audit-bureau", SHA256.HashData(WitnessKey)).ShouldBeFalse();
    }

    [Fact]
    public void The_key_hash_is_SHA256_of_name_newline_type_4_and_key()
    {
        var expected = SHA256.HashData([.. "w\n"u8.ToArray(), 0x04, .. WitnessKey])[..4];
        Cosignature.KeyHashOf("w", WitnessKey).ShouldBe(expected);
    }

    [Fact]
    public void The_signed_message_is_the_header_the_time_and_the_body_exactly()
    {
        Encoding.UTF8.GetString(Cosignature.SignedMessage(Body, 1_795_000_000)).ShouldBe("cosignature/v1\ntime 1795000000\n" + Body);
    }

    [Theory]
    [InlineData("")]
    [InlineData("— name")]
    [InlineData("- audit-bureau AAAA")]
    [InlineData("— audit-bureau not-base64!")]
    public void Anything_else_is_not_a_cosignature(string line) => Cosignature.Parse(line).ShouldBeNull();

    [Fact]
    public void A_log_signature_line_is_not_a_cosignature()
    {
        // The log's line: key hash and a 64-byte signature, no time — the wrong length for a cosignature.
        var logLine = new NoteSignature("haichuan.invest/ledger", [1, 2, 3, 4], new byte[64]).Line;
        Cosignature.Parse(logLine).ShouldBeNull();
    }

    [Fact]
    public void A_cosigned_note_reads_as_the_log_line_first_then_the_cosignatures()
    {
        var logLine = new NoteSignature("haichuan.invest/ledger", [1, 2, 3, 4], new byte[64]).Line;
        var cosignature = new Cosignature("audit-bureau", Cosignature.KeyHashOf("audit-bureau", WitnessKey), 7, new byte[64]).Line;
        var note = CheckpointText.Parse($"{Body}\n{logLine}\n{cosignature}\n").ShouldNotBeNull();

        (note.Origin, note.Size, note.Body).ShouldBe(("haichuan.invest/ledger", 42L, Body));
        note.Root.ShouldBe(Root);
        note.Signatures.Select(s => s.Name).ShouldBe(["haichuan.invest/ledger", "audit-bureau"]);
        Cosignature.From(note.Signatures[1]).ShouldNotBeNull().UnixSeconds.ShouldBe(7);
    }

    [Theory]
    [InlineData("no blank line")]
    [InlineData("origin\nforty-two\nAAAA\n\n— o AAAAAAAA\n")]
    [InlineData("origin\n42\nAAAA\n\n— o AAAAAAAA\n")] // a root that is not 32 bytes
    public void A_malformed_note_is_refused(string note) => CheckpointText.Parse(note).ShouldBeNull();

    [Fact]
    public void The_witness_cosigns_growth_with_a_good_proof_and_the_same_checkpoint_again()
    {
        WitnessRule.Judge(42, Root, 42, Root.ToArray(), () => throw new InvalidOperationException("no proof between equal sizes")).ShouldBeNull();
        WitnessRule.Judge(42, Root, 50, SHA256.HashData("later"u8), () => true).ShouldBeNull();
        WitnessRule.Judge(0, MerkleHash.EmptyRoot, 50, SHA256.HashData("later"u8), () => false).ShouldBeNull();
    }

    [Fact]
    public void A_fork_a_shrink_and_a_failed_proof_are_refused_each_by_its_name()
    {
        WitnessRule.Judge(42, Root, 42, SHA256.HashData("other"u8), () => true).ShouldBe(AlarmKind.Fork);
        WitnessRule.Judge(42, Root, 41, SHA256.HashData("other"u8), () => true).ShouldBe(AlarmKind.Shrink);
        WitnessRule.Judge(42, Root, 50, SHA256.HashData("other"u8), () => false).ShouldBe(AlarmKind.Inconsistent);
    }

    [Fact]
    public void The_alarm_message_names_the_witness_the_kind_the_time_and_both_notes()
    {
        Encoding.UTF8.GetString(WitnessAlarm.SignedMessage("audit-bureau", AlarmKind.Fork, 9, "A\n", "B\n"))
            .ShouldBe("ledger-witness-alarm/v1\naudit-bureau\nFork\ntime 9\n--- cosigned\nA\n--- offered\nB\n");
    }

    [Fact]
    public void A_note_of_origin_size_and_root_alone_is_a_checkpoint()
    {
        var body = $"haichuan.invest/ledger\n7\n{Convert.ToBase64String(Root)}\n";
        var note = CheckpointText.Parse($"{body}\n— haichuan.invest/ledger AQIDBAUG\n").ShouldNotBeNull();
        (note.Body, note.Origin, note.Size).ShouldBe((body, "haichuan.invest/ledger", 7L));
        note.Root.ShouldBe(Root);
        var signature = note.Signatures.ShouldHaveSingleItem();
        signature.Name.ShouldBe("haichuan.invest/ledger");
        signature.KeyHash.ShouldBe(new byte[] { 1, 2, 3, 4 });
        signature.Payload.ShouldBe(new byte[] { 5, 6 });
    }

    [Fact]
    public void A_note_with_fewer_than_four_lines_or_an_empty_origin_is_refused()
    {
        CheckpointText.Parse("haichuan.invest/ledger\n42\n\n— o AAAAAAAA\n").ShouldBeNull();
        CheckpointText.Parse("\n\n— o AAAAAAAA\n").ShouldBeNull();
        CheckpointText.Parse($"\n42\n{Convert.ToBase64String(Root)}\n\n— o AAAAAAAA\n").ShouldBeNull();
    }

    [Fact]
    public void A_note_whose_signature_lines_do_not_all_parse_is_refused()
    {
        var root = Convert.ToBase64String(Root);
        CheckpointText.Parse($"o\n42\n{root}\n\n").ShouldBeNull();
        CheckpointText.Parse($"o\n42\n{root}\n\n— o AAAAAAAA\n— w AAAAAA==\n").ShouldBeNull();
        CheckpointText.Parse($"o\n42\n!!!!\n\n— o AAAAAAAA\n").ShouldBeNull();
    }

    [Theory]
    [InlineData("— o AAAAAA==")] // exactly the 4-byte key hash, no signature after it
    [InlineData("— o AAAA")] // 3 bytes: not even a key hash
    [InlineData("— o ")] // no bytes at all
    [InlineData("— o not-base64!")]
    [InlineData("— o AAAAA")] // base64 of the wrong length
    [InlineData("—  AAAAAAAA")] // no name
    [InlineData("— o AAAAAAAA extra")]
    public void A_signature_line_without_a_name_and_more_than_a_key_hash_in_base64_is_refused(string line) =>
        NoteSignature.Parse(line).ShouldBeNull();

    [Fact]
    public void A_signature_line_of_five_bytes_is_a_key_hash_and_one_byte_of_signature()
    {
        var s = NoteSignature.Parse("— o AQIDBAU=").ShouldNotBeNull();
        (s.Name, s.Line).ShouldBe(("o", "— o AQIDBAU="));
        s.KeyHash.ShouldBe(new byte[] { 1, 2, 3, 4 });
        s.Payload.ShouldBe(new byte[] { 5 });
    }

    [Fact]
    public void A_cosignature_dated_before_1970_is_refused_and_one_at_the_epoch_is_read()
    {
        byte[] keyHash = [1, 2, 3, 4];
        byte[] signature = [.. Enumerable.Range(0, 64).Select(i => (byte)i)];
        Cosignature.From(new NoteSignature("w", keyHash, [.. Enumerable.Repeat((byte)0xFF, 8), .. signature])).ShouldBeNull(); // -1
        Cosignature.From(new NoteSignature("w", keyHash, [0x80, 0, 0, 0, 0, 0, 0, 0, .. signature])).ShouldBeNull(); // long.MinValue

        var epoch = Cosignature.From(new NoteSignature("w", keyHash, [0, 0, 0, 0, 0, 0, 0, 0, .. signature])).ShouldNotBeNull();
        (epoch.WitnessName, epoch.UnixSeconds, epoch.At).ShouldBe(("w", 0L, DateTimeOffset.UnixEpoch));
        epoch.KeyHash.ShouldBe(keyHash);
        epoch.Signature.ShouldBe(signature);
        Cosignature.Parse(epoch.Line + "\n").ShouldNotBeNull().UnixSeconds.ShouldBe(0);
    }
}
