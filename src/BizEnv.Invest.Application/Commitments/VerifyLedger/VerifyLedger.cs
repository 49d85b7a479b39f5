using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using BizEnv.Invest.Application.Commitments.Ledger.Tree;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Domain.Ledger.Merkle;
using Dapper;
using MediatR;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.VerifyLedger;

/// <summary>Recompute the ledger's hash chain and Merkle tree against the latest checkpoint; report the first problem, if any (integrity office, admins).</summary>
[AllowRoles(Role.IntegrityOfficer, Role.Admin)]
public sealed record VerifyLedger : IQuery<LedgerCheck>;

/// <summary>
/// The check as a reader needs it: intact or not, the ledger's size, and for a broken entry what went wrong
/// and what the entry says it records — the promise, its project and the event — in the reader's language; and the
/// Merkle tree's sealed size and root; and the latest checkpoint's seal ("verified", "invalid", or "legacy" with
/// <see cref="SealText"/> saying an HMAC checkpoint is not verifiable without the old key).
/// </summary>
public sealed record LedgerCheck(bool Intact, long Entries, long? FirstBrokenSeq, string? ProblemText, string HeadHash, BrokenEntry? Broken,
    long TreeSize = 0, string? TreeRoot = null, string? Seal = null, string? SealText = null, int Witnesses = 0, string? AnchorText = null);

/// <summary>The promise and event a broken entry names (a forged entry may name a promise that does not exist: then only its id).</summary>
public sealed record BrokenEntry(Guid CommitmentId, string? ProjectNumber, string? ProjectName, string? Clause, string EventText);

public sealed class VerifyLedgerHandler(LedgerVerifier verifier, IDbSession db) : IRequestHandler<VerifyLedger, LedgerCheck>
{
    public async Task<LedgerCheck> Handle(VerifyLedger r, CancellationToken ct)
    {
        var result = await verifier.VerifyAsync(ct);
        var head = Convert.ToHexStringLower(result.HeadHash);
        var root = result.TreeRoot is { } tree ? Convert.ToHexStringLower(tree) : null;
        // How the latest checkpoint is signed, in words: verified against the published key, or a legacy HMAC one.
        var sealText = result.Seal is "legacy" or "verified" ? Localization.Text.Get($"ledger.seal.{result.Seal}") : null;
        if (result.Intact)
        {
            // Which checkpoint the check held the entries against: one witnesses cosigned, or the latest (none cosigned yet).
            var anchor = result.Seal is null ? null : result.Witnesses > 0
                ? Localization.Text.Get("ledger.anchor.witnessed", result.Witnesses) : Localization.Text.Get("ledger.anchor.unwitnessed");
            return new LedgerCheck(true, result.Entries, null, null, head, null, result.TreeSize, root, result.Seal, sealText, result.Witnesses, anchor);
        }
        // "gap" names both numbers; every code's words take the verifier's arguments (entries, checkpoint, node).
        var problem = Localization.Text.Get(result.ProblemCode == "gap" ? "ledger.problem.gap_at" : $"ledger.problem.{result.ProblemCode}", result.ProblemArgs ?? []);
        BrokenEntry? broken = null;
        if (result.BrokenCommitmentId is { } id)
        {
            var promise = await (await db.ConnectionAsync(ct)).QuerySingleOrDefaultAsync<(string Number, string Name, string Clause)?>(new CommandDefinition("""
                SELECT p.number, p.name, c.clause FROM commitments c JOIN projects p ON p.id = c.project_id WHERE c.id = @id
                """, new { id }, cancellationToken: ct));
            broken = new BrokenEntry(id, promise?.Number, promise?.Name, promise?.Clause, Localization.LedgerWords.Event(result.BrokenEvent!));
        }
        return new LedgerCheck(false, result.Entries, result.FirstBrokenSeq, problem, head, broken, result.TreeSize, root, result.Seal, sealText);
    }
}

/// <summary>Write a signed checkpoint: the ledger's size, head hash and Merkle root, signed with the server's key as a signed note.</summary>
[AllowRoles(Role.IntegrityOfficer, Role.Admin)]
public sealed record CreateCheckpoint : ICommand<CheckpointDto>;

/// <summary>A checkpoint: <see cref="Note"/> is the signed note (what a witness or investor checks with the published key).</summary>
public sealed record CheckpointDto(long Size, string HeadHash, string Signature, DateTimeOffset At, string TreeRoot, string Note, string Algorithm, string KeyId);

public sealed class CreateCheckpointHandler(IDbSession db, ICheckpointSigner signer, LedgerSequencer sequencer, IAuditTrail audit, TimeProvider clock)
    : IRequestHandler<CreateCheckpoint, CheckpointDto>
{
    public async Task<CheckpointDto> Handle(CreateCheckpoint r, CancellationToken ct)
    {
        var checkpoint = await CheckpointWriter.WriteAsync(await db.ConnectionAsync(ct), db.Transaction!, signer, sequencer, clock.GetUtcNow(), ct);
        audit.Target("ledger-checkpoint", checkpoint.Size);
        return checkpoint;
    }
}

/// <summary>
/// Writes signed checkpoints: after every integration batch (the sequencer seals each batch with one, in its
/// transaction) and on demand. A checkpoint is signed only for a tree that extends the last one signed — checked with a
/// consistency proof from the stored nodes to the signed root — so a tree rebuilt from a rewritten ledger is never
/// signed: the log stops signing and says why, and the ledger check names the rewrite.
/// </summary>
public static class CheckpointWriter
{
    /// <summary>
    /// On demand: integrates what the tree has not sealed yet (in this transaction), then seals the tree's head.
    /// Entries appended meanwhile wait for the next batch's checkpoint. Refused when the tree does not extend the last checkpoint.
    /// </summary>
    public static async Task<CheckpointDto> WriteAsync(NpgsqlConnection cn, NpgsqlTransaction tx, ICheckpointSigner signer, LedgerSequencer sequencer,
        DateTimeOffset now, CancellationToken ct)
    {
        var tree = await sequencer.IntegrateInAsync(cn, tx, ct);
        return await SealAsync(cn, tx, signer, tree, now, ct) ?? throw new DomainException("ledger.checkpoint_refused", tree.Size);
    }

    /// <summary>
    /// Signs and stores the checkpoint of <paramref name="tree"/> (its size, the chain's hash at that entry and the root), or
    /// returns null — writing nothing — when the tree does not extend the last signed checkpoint.
    /// </summary>
    public static async Task<CheckpointDto?> SealAsync(NpgsqlConnection cn, NpgsqlTransaction tx, ICheckpointSigner signer, TreeHead tree, DateTimeOffset now,
        CancellationToken ct)
    {
        if (!await ExtendsLastCheckpointAsync(cn, tx, tree, ct))
            return null;
        var hash = tree.Size == 0 ? Domain.Commitments.LedgerHash.Genesis : await cn.ExecuteScalarAsync<byte[]>(new CommandDefinition(
            "SELECT hash FROM commitment_ledger WHERE seq = @Size", tree, tx, cancellationToken: ct)) ?? throw new InvalidOperationException($"Entry {tree.Size} is gone.");
        var note = CheckpointNote.Sign(signer, tree.Size, tree.Root, now);
        var signature = CheckpointNote.Parse(note)!.Signature;
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO ledger_checkpoints (size, head_hash, signature, at, tree_root, note, algorithm, key_id)
            VALUES (@Size, @hash, @signature, @now, @Root, @note, @Algorithm, @KeyId)
            """, new { tree.Size, hash, signature, now, tree.Root, note, signer.Algorithm, signer.KeyId }, tx, cancellationToken: ct));
        return new CheckpointDto(tree.Size, Convert.ToHexStringLower(hash), Convert.ToHexStringLower(signature), now, Convert.ToHexStringLower(tree.Root),
            note, signer.Algorithm, signer.KeyId);
    }

    /// <summary>Whether the stored tree, at <paramref name="tree"/>'s size, is an append-only extension of the newest checkpoint that states a root.</summary>
    private static async Task<bool> ExtendsLastCheckpointAsync(NpgsqlConnection cn, NpgsqlTransaction tx, TreeHead tree, CancellationToken ct)
    {
        var last = await cn.QuerySingleOrDefaultAsync<(long Size, byte[] Root)?>(new CommandDefinition(
            "SELECT size, tree_root FROM ledger_checkpoints WHERE tree_root IS NOT NULL ORDER BY id DESC LIMIT 1", transaction: tx, cancellationToken: ct));
        if (last is not { } signed || signed.Size == 0)
            return true;
        if (signed.Size > tree.Size)
            return false;
        if (signed.Size == tree.Size)
            return signed.Root.AsSpan().SequenceEqual(tree.Root);
        try
        {
            var proof = await MerkleProofs.ConsistencyProofAsync(new MerkleNodeTable(cn, tx), signed.Size, tree.Size, ct);
            return MerkleVerifier.VerifyConsistency(signed.Size, tree.Size, signed.Root, tree.Root, proof);
        }
        catch (KeyNotFoundException) { return false; } // a node the proof needs is gone: nothing to vouch with
    }
}
