using System.Security.Cryptography;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;
using Microsoft.Extensions.Configuration;

namespace BizEnv.Invest.Application.Commitments.VerifyLedger;

/// <summary>Recompute the ledger's hash chain and report the first broken entry, if any (integrity office, admins).</summary>
[AllowRoles(Role.IntegrityOfficer, Role.Admin)]
public sealed record VerifyLedger : IQuery<LedgerVerifier.Result>;

public sealed class VerifyLedgerHandler(LedgerVerifier verifier) : IRequestHandler<VerifyLedger, LedgerVerifier.Result>
{
    public Task<LedgerVerifier.Result> Handle(VerifyLedger r, CancellationToken ct) => verifier.VerifyAsync(ct);
}

/// <summary>Write a signed checkpoint: the ledger's size and head hash, signed with the server's checkpoint key.</summary>
[AllowRoles(Role.IntegrityOfficer, Role.Admin)]
public sealed record CreateCheckpoint : ICommand<CheckpointDto>;

public sealed record CheckpointDto(long Size, string HeadHash, string Signature, DateTimeOffset At);

public sealed class CreateCheckpointHandler(IDbSession db, CheckpointSigner signer, IAuditTrail audit, TimeProvider clock) : IRequestHandler<CreateCheckpoint, CheckpointDto>
{
    public async Task<CheckpointDto> Handle(CreateCheckpoint r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var head = await cn.QuerySingleOrDefaultAsync<(long Seq, byte[] Hash)?>(new CommandDefinition(
            "SELECT seq, hash FROM commitment_ledger ORDER BY seq DESC LIMIT 1", transaction: db.Transaction, cancellationToken: ct));
        var size = head?.Seq ?? 0;
        var hash = head?.Hash ?? Domain.Commitments.LedgerHash.Genesis;
        var signature = signer.Sign(size, hash);
        var now = clock.GetUtcNow();
        await cn.ExecuteAsync(new CommandDefinition("INSERT INTO ledger_checkpoints (size, head_hash, signature, at) VALUES (@size, @hash, @signature, @now)",
            new { size, hash, signature, now }, db.Transaction, cancellationToken: ct));
        audit.Target("ledger-checkpoint", size);
        return new CheckpointDto(size, Convert.ToHexStringLower(hash), Convert.ToHexStringLower(signature), now);
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
