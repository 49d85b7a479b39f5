using System.Globalization;
using System.Text;
using BizEnv.Invest.Domain.Ledger.Witness;

namespace BizEnv.Invest.Application.Commitments.Ledger.Signing;

/// <summary>
/// A checkpoint as a signed note (C2SP signed-note and tlog-checkpoint): the body is the origin, the tree size in
/// decimal, the root hash in base64 and a "time" extension line; after a blank line one signature line
/// "— name base64(key hash ‖ signature)". The signature covers the body's bytes, so anyone with the published key
/// can check a checkpoint without the database.
/// </summary>
public sealed record CheckpointNote(string Body, long Size, byte[] Root, byte[] KeyHash, byte[] Signature)
{
    private const string Dash = "\u2014 ";

    public static string BodyOf(string origin, long size, byte[] root, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{origin}\n{size}\n{Convert.ToBase64String(root)}\ntime {at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\n");

    /// <summary>The whole note: body, blank line, the signer's line.</summary>
    public static string Sign(ICheckpointSigner signer, long size, byte[] root, DateTimeOffset at)
    {
        var body = BodyOf(signer.Name, size, root, at);
        return $"{body}\n{Dash}{signer.Name} {Convert.ToBase64String([.. signer.KeyHash, .. signer.Sign(Encoding.UTF8.GetBytes(body))])}\n";
    }

    /// <summary>The note's parts (its first signature line is the log's), or null when it is not a well-formed note.</summary>
    public static CheckpointNote? Parse(string note) =>
        CheckpointText.Parse(note) is { } t ? new CheckpointNote(t.Body, t.Size, t.Root, t.Signatures[0].KeyHash, t.Signatures[0].Payload) : null;

    /// <summary>True when <paramref name="signer"/>'s key made the signature over the body.</summary>
    public bool VerifiedBy(ICheckpointSigner signer) =>
        KeyHash.AsSpan().SequenceEqual(signer.KeyHash) && signer.Verify(Encoding.UTF8.GetBytes(Body), Signature);
}
