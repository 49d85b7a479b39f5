using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Ledger.Witness;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Witnesses.SubmitCosignature;

/// <summary>
/// A witness hands in its cosignature line for the checkpoint of <paramref name="Size"/> entries. No sign-in: the line
/// is its own credential — it is taken only when it names a registered, active witness and that witness's Ed25519 key
/// verifies it over the body of a checkpoint of that size. Anything else is refused with a code saying which.
/// </summary>
[Anonymous]
public sealed record SubmitCosignature(long Size, string Cosignature) : ICommand<CosignatureAccepted>;

/// <summary>The checkpoint the line cosigns and how many registered witnesses have now cosigned it.</summary>
public sealed record CosignatureAccepted(long CheckpointId, long Size, string Witness, DateTimeOffset SignedAt, int Cosignatures);

public sealed class SubmitCosignatureHandler(IDbSession db, IAuditTrail audit, TimeProvider clock) : IRequestHandler<SubmitCosignature, CosignatureAccepted>
{
    /// <summary>How far ahead of our clock a witness's time may be (clocks drift; a line from the future is not a record).</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(10);

    public async Task<CosignatureAccepted> Handle(SubmitCosignature r, CancellationToken ct)
    {
        var line = Cosignature.Parse(r.Cosignature ?? "") ?? throw new DomainException("witness.cosignature_malformed");
        audit.Target("ledger-checkpoint", r.Size, line.WitnessName);
        var cn = await db.ConnectionAsync(ct);
        var witness = await WitnessKeys.ActiveAsync(cn, db.Transaction, line.WitnessName, ct);
        if (witness is null || !line.Claims(witness.Name, witness.PublicKey))
            throw new DomainException("witness.unknown_key", line.WitnessName);
        var now = clock.GetUtcNow();
        if (line.At > now + Skew)
            throw new DomainException("witness.cosignature_future", line.At);
        // Several checkpoints may share a size (one made on demand right after the periodic one): the line says which by its signature.
        var candidates = await cn.QueryAsync<(long Id, string Note)>(new CommandDefinition(
            "SELECT id, note FROM ledger_checkpoints WHERE size = @Size AND note IS NOT NULL ORDER BY id DESC", new { r.Size }, db.Transaction, cancellationToken: ct));
        var checkpoint = candidates.FirstOrDefault(c => CheckpointNote.Parse(c.Note) is { } n && witness.Made(line, n.Body));
        if (checkpoint.Note is null)
            throw new DomainException("witness.cosignature_invalid", line.WitnessName, r.Size);
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO ledger_cosignatures (checkpoint_id, witness, line, signed_at, received_at) VALUES (@Id, @Name, @text, @at, @now)
            ON CONFLICT DO NOTHING
            """, new { checkpoint.Id, witness.Name, text = line.Line, at = line.At, now }, db.Transaction, cancellationToken: ct));
        var count = await cn.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT count(*) FROM ledger_cosignatures c JOIN ledger_witnesses w ON w.name = c.witness AND w.retired_at IS NULL WHERE c.checkpoint_id = @Id
            """, new { checkpoint.Id }, db.Transaction, cancellationToken: ct));
        return new CosignatureAccepted(checkpoint.Id, r.Size, witness.Name, line.At, count);
    }
}
