using System.Globalization;
using System.Text;
using System.Text.Json;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using BizEnv.Invest.Application.Commitments.Ledger.Tree;
using BizEnv.Invest.Application.Commitments.Witnesses;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Ledger.Merkle;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Receipts;

/// <summary>
/// Builds a <see cref="Receipt"/> for one ledger entry against the newest signed checkpoint that covers it, with the
/// witnesses' verified cosignatures of that checkpoint. The proof
/// is checked here with the same verifier a reader uses before it is handed out: a tree that no longer matches its
/// checkpoint gives no receipt, rather than one that would fail in the investor's hands.
/// </summary>
public static class ReceiptBuilder
{
    private const string Dash = "\u2014 ";

    /// <summary>The stored entry <paramref name="seq"/>, or null when there is none.</summary>
    public static async Task<LedgerRow?> ReadEntryAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, long seq, CancellationToken ct)
    {
        var row = await cn.QuerySingleOrDefaultAsync<(long Seq, Guid CommitmentId, string Event, string Actor, DateTime At, string? Reason, string State, byte[] PrevHash, byte[] Hash)?>(
            new CommandDefinition("SELECT seq, commitment_id, event, actor, at, reason, state, prev_hash, hash FROM commitment_ledger WHERE seq = @seq",
                new { seq }, tx, cancellationToken: ct));
        return row is { } r ? new LedgerRow(r.Seq, r.CommitmentId, r.Event, r.Actor, r.At, r.Reason, r.State, r.PrevHash, r.Hash) : null;
    }

    public static async Task<Receipt> BuildAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, ICheckpointSigner signer, LedgerRow row, CancellationToken ct)
    {
        // Only notes signed with the key published now: an older key's note could not be checked against /ledger/keys.
        var stored = await cn.QuerySingleOrDefaultAsync<(long Id, string Note)?>(new CommandDefinition("""
            SELECT id, note FROM ledger_checkpoints WHERE note IS NOT NULL AND key_id = @KeyId AND size >= @Seq ORDER BY id DESC LIMIT 1
            """, new { signer.KeyId, row.Seq }, tx, cancellationToken: ct));
        if (stored is not { } sealedBy)
            throw new DomainException("receipt.not_sealed", row.Seq);
        var (checkpoint, inNote) = SplitNote(sealedBy.Note, signer.Name);
        // The witnesses' cosignatures kept beside the note go with it — those that verify with their registered keys (a
        // row is not a signature); the investor's page checks each again with the witness keys it pins.
        var witnessed = (await CheckpointWitnesses.ReadAsync(cn, tx, [sealedBy.Id], ct))[sealedBy.Id].ToList();
        var verified = CheckpointWitnesses.Verified(checkpoint, witnessed);
        IReadOnlyList<string> cosignatures = [.. inNote, .. witnessed.Where(l => verified.Contains(l.Name)).Select(l => l.Text.TrimEnd('\n'))];
        var note = CheckpointNote.Parse(checkpoint) ?? throw new DomainException("receipt.broken", row.Seq);
        var canonical = row.Canonical();
        var leaf = MerkleHash.LeafHash(canonical);
        var index = row.Seq - 1;
        byte[][] proof;
        try
        {
            proof = await MerkleRange.ReadAsync(new MerkleNodeTable(cn, tx), MerkleProofs.InclusionRanges(index, note.Size), ct);
        }
        catch (KeyNotFoundException) { throw new DomainException("receipt.broken", row.Seq); }
        if (!MerkleVerifier.VerifyInclusion(index, note.Size, leaf, proof, note.Root) || !note.VerifiedBy(signer))
            throw new DomainException("receipt.broken", row.Seq);
        return new Receipt(Receipt.FormatV1, signer.Name, signer.KeyId, signer.Algorithm, row.CommitmentId, row.Seq, index,
            Encoding.UTF8.GetString(canonical), Convert.ToHexStringLower(leaf), note.Size, Convert.ToHexStringLower(note.Root),
            [.. proof.Select(Convert.ToHexStringLower)], checkpoint, cosignatures, Terms(row));
    }

    /// <summary>
    /// The log's own note (body and its signature line) and the other signature lines — witnesses' cosignatures, when
    /// any are stored with the note — kept apart, so the log's note parses on its own and a reader checks each line
    /// with the key it knows (signed-note: lines with unknown keys are ignored).
    /// </summary>
    public static (string Checkpoint, IReadOnlyList<string> Cosignatures) SplitNote(string note, string origin)
    {
        var split = note.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
            return (note, []);
        var body = note[..(split + 2)];
        var lines = note[(split + 2)..].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var own = lines.FirstOrDefault(l => l.StartsWith(Dash + origin + " ", StringComparison.Ordinal));
        return own is null ? (note, []) : ($"{body}{own}\n", [.. lines.Where(l => l != own)]);
    }

    /// <summary>The promise's terms as the entry records them, Chinese and English; what the state does not carry is left out.</summary>
    public static IReadOnlyList<ReceiptTerm> Terms(LedgerRow row)
    {
        var terms = new List<ReceiptTerm>();
        void Add(string key, string zh, string en) => terms.Add(new ReceiptTerm(Text.In(Text.Chinese, key)!, Text.In(Text.English, key)!, zh, en));
        void Same(string key, string? value)
        {
            if (value is { Length: > 0 })
                Add(key, value, value);
        }
        Add("receipt.term.event", Word(Text.Chinese, $"ledger.event.{row.Event}") ?? row.Event, Word(Text.English, $"ledger.event.{row.Event}") ?? row.Event);
        Same("receipt.term.at", row.At.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        Same("receipt.term.actor", row.Actor);
        using var state = JsonDocument.Parse(row.State);
        // An entry that records evidence beside the promise (a condition-unmet lapse, a pending amendment) keeps it under "Commitment".
        var s = state.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("Commitment", out var inner)
            && inner.ValueKind == JsonValueKind.Object ? inner : state.RootElement;
        string? Str(string name) => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;
        Same("receipt.term.investor", Str("InvestorName"));
        Same("receipt.term.project", Str("ProjectNumber"));
        Same("receipt.term.clause", Str("Clause"));
        if (Str("ValueCny") is { } value && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var cny))
            Add("receipt.term.value", $"{cny.ToString("N2", CultureInfo.InvariantCulture)} 元", $"CNY {cny.ToString("N2", CultureInfo.InvariantCulture)}");
        Same("receipt.term.due", Str("DueDate"));
        if (Str("Status") is { } status && StatusName(status) is { } name)
            Add("receipt.term.status", Word(Text.Chinese, $"commitmentstatus.{name}") ?? name, Word(Text.English, $"commitmentstatus.{name}") ?? name);
        if (LedgerWords.Reason(row.Reason) is { Length: > 0 })
            Add("receipt.term.reason", ReasonIn(Text.Chinese, row.Reason), ReasonIn(Text.English, row.Reason));
        return terms;
    }

    /// <summary>The status as the state records it: its name, or its number (the ledger's JSON writes enums as numbers).</summary>
    private static string? StatusName(string recorded) =>
        int.TryParse(recorded, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? Enum.IsDefined(typeof(Domain.Commitments.CommitmentStatus), n) ? ((Domain.Commitments.CommitmentStatus)n).ToString() : null
            : Enum.TryParse<Domain.Commitments.CommitmentStatus>(recorded, out var s) ? s.ToString() : null;

    private static string? Word(string culture, string key) => Text.In(culture, key);

    private static string ReasonIn(string culture, string? reason)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            return LedgerWords.Reason(reason) ?? "";
        }
        finally { CultureInfo.CurrentUICulture = previous; }
    }
}
