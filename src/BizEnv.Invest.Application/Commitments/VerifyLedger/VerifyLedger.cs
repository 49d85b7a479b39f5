using System.Security.Cryptography;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.VerifyLedger;

/// <summary>Recompute the ledger's hash chain and report the first broken entry, if any (integrity office, admins).</summary>
[AllowRoles(Role.IntegrityOfficer, Role.Admin)]
public sealed record VerifyLedger : IQuery<LedgerCheck>;

/// <summary>
/// The check as a reader needs it: intact or not, the ledger's size, and for a broken entry what went wrong
/// and what the entry says it records — the promise, its project and the event — in the reader's language.
/// </summary>
public sealed record LedgerCheck(bool Intact, long Entries, long? FirstBrokenSeq, string? ProblemText, string HeadHash, BrokenEntry? Broken);

/// <summary>The promise and event a broken entry names (a forged entry may name a promise that does not exist: then only its id).</summary>
public sealed record BrokenEntry(Guid CommitmentId, string? ProjectNumber, string? ProjectName, string? Clause, string EventText);

public sealed class VerifyLedgerHandler(LedgerVerifier verifier, IDbSession db) : IRequestHandler<VerifyLedger, LedgerCheck>
{
    public async Task<LedgerCheck> Handle(VerifyLedger r, CancellationToken ct)
    {
        var result = await verifier.VerifyAsync(ct);
        var head = Convert.ToHexStringLower(result.HeadHash);
        if (result.Intact)
            return new LedgerCheck(true, result.Entries, null, null, head, null);
        var problem = result.ProblemCode == "gap"
            ? Localization.Text.Get("ledger.problem.gap_at", result.ExpectedSeq!.Value, result.FirstBrokenSeq!.Value)
            : Localization.Text.Get($"ledger.problem.{result.ProblemCode}");
        BrokenEntry? broken = null;
        if (result.BrokenCommitmentId is { } id)
        {
            var promise = await (await db.ConnectionAsync(ct)).QuerySingleOrDefaultAsync<(string Number, string Name, string Clause)?>(new CommandDefinition("""
                SELECT p.number, p.name, c.clause FROM commitments c JOIN projects p ON p.id = c.project_id WHERE c.id = @id
                """, new { id }, cancellationToken: ct));
            broken = new BrokenEntry(id, promise?.Number, promise?.Name, promise?.Clause, Localization.LedgerWords.Event(result.BrokenEvent!));
        }
        return new LedgerCheck(false, result.Entries, result.FirstBrokenSeq, problem, head, broken);
    }
}

/// <summary>Write a signed checkpoint: the ledger's size and head hash, signed with the server's checkpoint key.</summary>
[AllowRoles(Role.IntegrityOfficer, Role.Admin)]
public sealed record CreateCheckpoint : ICommand<CheckpointDto>;

public sealed record CheckpointDto(long Size, string HeadHash, string Signature, DateTimeOffset At);

public sealed class CreateCheckpointHandler(IDbSession db, CheckpointSigner signer, IAuditTrail audit, TimeProvider clock) : IRequestHandler<CreateCheckpoint, CheckpointDto>
{
    public async Task<CheckpointDto> Handle(CreateCheckpoint r, CancellationToken ct)
    {
        var checkpoint = await CheckpointWriter.WriteAsync(await db.ConnectionAsync(ct), db.Transaction!, signer, clock.GetUtcNow(), ct);
        audit.Target("ledger-checkpoint", checkpoint.Size);
        return checkpoint;
    }
}

/// <summary>
/// Writes signed checkpoints: on demand, and periodically from every node's checkpoint service — where a
/// transaction-scoped lock and the time of the last checkpoint make one node write it per interval.
/// </summary>
public static class CheckpointWriter
{
    private const long LockKey = 0x43_48_45_43_4B_50; // "CHECKP"

    public static async Task<CheckpointDto> WriteAsync(NpgsqlConnection cn, NpgsqlTransaction tx, CheckpointSigner signer, DateTimeOffset now, CancellationToken ct)
    {
        var head = await cn.QuerySingleOrDefaultAsync<(long Seq, byte[] Hash)?>(new CommandDefinition(
            "SELECT seq, hash FROM commitment_ledger ORDER BY seq DESC LIMIT 1", transaction: tx, cancellationToken: ct));
        var size = head?.Seq ?? 0;
        var hash = head?.Hash ?? Domain.Commitments.LedgerHash.Genesis;
        var signature = signer.Sign(size, hash);
        await cn.ExecuteAsync(new CommandDefinition("INSERT INTO ledger_checkpoints (size, head_hash, signature, at) VALUES (@size, @hash, @signature, @now)",
            new { size, hash, signature, now }, tx, cancellationToken: ct));
        return new CheckpointDto(size, Convert.ToHexStringLower(hash), Convert.ToHexStringLower(signature), now);
    }

    /// <summary>Writes a checkpoint when the last one is older than <paramref name="interval"/> and the ledger has grown since; returns it, or null.</summary>
    public static async Task<CheckpointDto?> WriteIfDueAsync(NpgsqlDataSource dataSource, CheckpointSigner signer, DateTimeOffset now, TimeSpan interval, CancellationToken ct)
    {
        await using var cn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await cn.BeginTransactionAsync(ct);
        await cn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, tx, cancellationToken: ct));
        var last = await cn.QuerySingleOrDefaultAsync<(long Size, DateTimeOffset At)?>(new CommandDefinition(
            "SELECT size, at FROM ledger_checkpoints ORDER BY id DESC LIMIT 1", transaction: tx, cancellationToken: ct));
        var size = await cn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT coalesce(max(seq), 0) FROM commitment_ledger", transaction: tx, cancellationToken: ct));
        if (last is { } l && (now - l.At < interval || l.Size == size))
            return null;
        var checkpoint = await WriteAsync(cn, tx, signer, now, ct);
        await tx.CommitAsync(ct);
        return checkpoint;
    }
}

/// <summary>
/// HMAC-SHA256 over size ‖ head hash with the key in configuration Ledger:CheckpointKey (base64,
/// never in the repository). Without one, a random per-process key is used and a warning logged:
/// those checkpoints cannot be re-verified after a restart.
/// </summary>
public sealed class CheckpointSigner(IConfiguration configuration)
{
    private readonly byte[] _key = configuration["Ledger:CheckpointKey"] is { Length: > 0 } k ? Convert.FromBase64String(k) : RandomNumberGenerator.GetBytes(32);

    public bool HasConfiguredKey => configuration["Ledger:CheckpointKey"] is { Length: > 0 };

    public byte[] Sign(long size, byte[] headHash)
    {
        var data = new byte[8 + headHash.Length];
        BitConverter.TryWriteBytes(data, size);
        headHash.CopyTo(data, 8);
        return HMACSHA256.HashData(_key, data);
    }
}
