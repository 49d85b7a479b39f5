using System.Security.Cryptography;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using BizEnv.Invest.Application.Commitments.Ledger.Tree;
using BizEnv.Invest.Application.Commitments.Receipts.GetPublicReceipt;
using BizEnv.Invest.Domain.Ledger.Merkle;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Receipts.GetLogState;

/// <summary>
/// What the verify page asks the log when online, no sign-in: the newest signed checkpoint, a consistency proof from
/// the receipt's tree size <paramref name="FromSize"/> to it, and whether the entry at <paramref name="LeafIndex"/>
/// still has the receipt's <paramref name="LeafHash"/>. The page checks the note's signature and the proof itself;
/// the server's "held" is only a plain-words hint beside them.
/// </summary>
[Anonymous]
public sealed record GetLogState(long FromSize, long? LeafIndex, string? LeafHash) : IQuery<LogState>;

/// <summary>
/// <see cref="Checkpoint"/> is null when no signed checkpoint stands; <see cref="ConsistencyProof"/> is null when no
/// proof can be given from <c>FromSize</c> (the log is now smaller than that, or its tree nodes are gone).
/// </summary>
public sealed record LogState(
    [property: System.Text.Json.Serialization.JsonPropertyName("checkpoint")] string? Checkpoint,
    [property: System.Text.Json.Serialization.JsonPropertyName("cosignatures")] IReadOnlyList<string> Cosignatures,
    [property: System.Text.Json.Serialization.JsonPropertyName("treeSize")] long TreeSize,
    [property: System.Text.Json.Serialization.JsonPropertyName("storedEntries")] long StoredEntries,
    [property: System.Text.Json.Serialization.JsonPropertyName("consistencyProof")] IReadOnlyList<string>? ConsistencyProof,
    [property: System.Text.Json.Serialization.JsonPropertyName("entryHeld")] bool? EntryHeld);

public sealed class GetLogStateHandler(IDbSession db, ICheckpointSigner signer) : IRequestHandler<GetLogState, LogState>
{
    public async Task<LogState> Handle(GetLogState r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var stored = await cn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT coalesce(max(seq), 0) FROM commitment_ledger", transaction: db.Transaction, cancellationToken: ct));
        // The newest checkpoint whose entries the log still holds: a checkpoint over entries since deleted is not the
        // log any more, and offering it would tell a receipt holder a cut-down ledger still contains their entry.
        var note = await cn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition("""
            SELECT note FROM ledger_checkpoints WHERE note IS NOT NULL AND key_id = @KeyId AND size <= @stored ORDER BY id DESC LIMIT 1
            """, new { signer.KeyId, stored }, db.Transaction, cancellationToken: ct));
        var held = await HeldAsync(cn, r, ct);
        if (note is null || CheckpointNote.Parse(ReceiptBuilder.SplitNote(note, signer.Name).Checkpoint) is not { } parsed)
            return new LogState(null, [], 0, stored, null, held);
        var (checkpoint, cosignatures) = ReceiptBuilder.SplitNote(note, signer.Name);
        IReadOnlyList<string>? proof = null;
        if (r.FromSize >= 1 && r.FromSize <= parsed.Size)
        {
            try
            {
                proof = r.FromSize == parsed.Size ? []
                    : [.. (await MerkleProofs.ConsistencyProofAsync(new MerkleNodeTable(cn, db.Transaction), r.FromSize, parsed.Size, ct)).Select(Convert.ToHexStringLower)];
            }
            catch (KeyNotFoundException) { proof = null; }
        }
        return new LogState(checkpoint, cosignatures, parsed.Size, stored, proof, held);
    }

    private async Task<bool?> HeldAsync(Npgsql.NpgsqlConnection cn, GetLogState r, CancellationToken ct)
    {
        if (r.LeafIndex is not { } index || GetPublicReceiptHandler.ParseHash(r.LeafHash) is not { } asked)
            return null;
        var row = index < 0 ? null : await ReceiptBuilder.ReadEntryAsync(cn, db.Transaction, index + 1, ct);
        return row is not null && CryptographicOperations.FixedTimeEquals(MerkleHash.LeafHash(row.Canonical()), asked);
    }
}
