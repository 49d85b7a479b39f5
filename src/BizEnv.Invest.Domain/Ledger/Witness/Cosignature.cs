using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace BizEnv.Invest.Domain.Ledger.Witness;

/// <summary>
/// A witness's cosignature on a checkpoint: a signed-note line "— name base64(key hash ‖ time ‖ signature)", where
/// key hash = SHA-256(name ‖ "\n" ‖ 0x04 ‖ Ed25519 public key)[..4], time = the Unix seconds it was signed (8 bytes,
/// big-endian) and signature = Ed25519 over <see cref="SignedMessage"/>: "cosignature/v1\ntime &lt;seconds&gt;\n" followed by
/// the checkpoint's body. Signing the time makes the line say when the witness vouched for the checkpoint, and the
/// prefix keeps a cosignature from ever verifying as a checkpoint signature (or the other way round). Appended to the
/// log's note, the line turns it into a cosigned note any signed-note reader can split.
/// </summary>
public sealed record Cosignature(string WitnessName, byte[] KeyHash, long UnixSeconds, byte[] Signature)
{
    public const int SignatureSize = 64;
    private const byte KeyType = 0x04;

    public DateTimeOffset At => DateTimeOffset.FromUnixTimeSeconds(UnixSeconds);

    /// <summary>The bytes the witness signs: the header, the time, then the checkpoint's body exactly as the log signed it.</summary>
    public static byte[] SignedMessage(string body, long unixSeconds) =>
        Encoding.UTF8.GetBytes($"cosignature/v1\ntime {unixSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n{body}");

    /// <summary>The witness key's 4-byte hash, which names the key a cosignature line claims.</summary>
    public static byte[] KeyHashOf(string witnessName, ReadOnlySpan<byte> publicKey) =>
        SHA256.HashData([.. Encoding.UTF8.GetBytes(witnessName + "\n"), KeyType, .. publicKey])[..4];

    public string Line
    {
        get
        {
            var time = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(time, UnixSeconds);
            return new NoteSignature(WitnessName, KeyHash, [.. time, .. Signature]).Line;
        }
    }

    /// <summary>The cosignature a line holds, or null when it is not one (a log signature line among them is not).</summary>
    public static Cosignature? Parse(string line) => NoteSignature.Parse(line.TrimEnd('\n')) is { } s ? From(s) : null;

    public static Cosignature? From(NoteSignature s)
    {
        if (s.Payload.Length != 8 + SignatureSize)
            return null;
        var seconds = BinaryPrimitives.ReadInt64BigEndian(s.Payload.AsSpan(0, 8));
        return seconds < 0 ? null : new Cosignature(s.Name, s.KeyHash, seconds, s.Payload[8..]);
    }

    /// <summary>Is this line made by the witness <paramref name="name"/> with <paramref name="publicKey"/> (its name and key hash; the signature is checked by the caller's Ed25519)?</summary>
    public bool Claims(string name, ReadOnlySpan<byte> publicKey) => WitnessName == name && KeyHash.AsSpan().SequenceEqual(KeyHashOf(name, publicKey));
}
