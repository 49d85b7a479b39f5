using System.Globalization;

namespace BizEnv.Invest.Domain.Ledger.Witness;

/// <summary>
/// A checkpoint note read as text (C2SP signed-note + tlog-checkpoint): the body (origin, size, base64 root, extension
/// lines), a blank line, then one or more signature lines "— name base64(key hash ‖ signature)". The log's own
/// line comes first; a witness's cosignature lines may follow. Parsing only: who made a signature is checked by whoever
/// holds the key (the app for its own, a witness for the log's).
/// </summary>
public sealed record CheckpointText(string Body, string Origin, long Size, byte[] Root, IReadOnlyList<NoteSignature> Signatures)
{
    public const string Dash = "\u2014";

    /// <summary>The note's parts, or null when it is not a well-formed checkpoint note.</summary>
    public static CheckpointText? Parse(string? note)
    {
        if (note is null)
            return null;
        var split = note.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
            return null;
        var body = note[..(split + 1)];
        var lines = body.Split('\n');
        if (lines.Length < 4 || lines[0].Length == 0 || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            return null;
        byte[] root;
        try { root = Convert.FromBase64String(lines[2]); }
        catch (FormatException) { return null; }
        if (root.Length != Merkle.MerkleHash.Size)
            return null;
        var signatures = new List<NoteSignature>();
        foreach (var line in note[(split + 2)..].TrimEnd('\n').Split('\n'))
        {
            if (NoteSignature.Parse(line) is not { } s)
                return null;
            signatures.Add(s);
        }
        return signatures.Count == 0 ? null : new CheckpointText(body, lines[0], size, root, signatures);
    }
}

/// <summary>One signature line: the signer's name and the base64 bytes after it (the 4-byte key hash, then the signature proper).</summary>
public sealed record NoteSignature(string Name, byte[] KeyHash, byte[] Payload)
{
    public static NoteSignature? Parse(string line)
    {
        var parts = line.Split(' ');
        if (parts.Length != 3 || parts[0] != CheckpointText.Dash || parts[1].Length == 0)
            return null;
        try
        {
            var bytes = Convert.FromBase64String(parts[2]);
            return bytes.Length <= 4 ? null : new NoteSignature(parts[1], bytes[..4], bytes[4..]);
        }
        catch (FormatException) { return null; }
    }

    public string Line => $"{CheckpointText.Dash} {Name} {Convert.ToBase64String([.. KeyHash, .. Payload])}";
}
