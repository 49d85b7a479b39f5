using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Ledger.Witness;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Witnesses.ReportWitnessAlarm;

/// <summary>
/// A witness reports that it refused to cosign (a fork, a shrink, a failed consistency proof or a bad log signature),
/// naming the checkpoint it had cosigned and the one it was offered, signed with its key over
/// <see cref="WitnessAlarm.SignedMessage"/>. No sign-in: only a registered witness's signature gets it in. Recorded as
/// evidence and told to every integrity officer and admin as a notice linking to the ledger check.
/// </summary>
[Anonymous]
public sealed record ReportWitnessAlarm(string Witness, AlarmKind Kind, string CosignedNote, string OfferedNote, long UnixSeconds, string Signature)
    : ICommand<AlarmRecorded>;

public sealed record AlarmRecorded(Guid Id, bool New);

public sealed class ReportWitnessAlarmHandler(IDbSession db, IAuditTrail audit, TimeProvider clock) : IRequestHandler<ReportWitnessAlarm, AlarmRecorded>
{
    public async Task<AlarmRecorded> Handle(ReportWitnessAlarm r, CancellationToken ct)
    {
        audit.Target("ledger-witness", r.Witness, r.Kind.ToString());
        var cn = await db.ConnectionAsync(ct);
        var witness = await WitnessKeys.ActiveAsync(cn, db.Transaction, r.Witness ?? "", ct) ?? throw new DomainException("witness.unknown_key", r.Witness ?? "");
        byte[] signature;
        try { signature = Convert.FromBase64String(r.Signature ?? ""); }
        catch (FormatException) { throw new DomainException("witness.alarm_signature_invalid", witness.Name); }
        if (!WitnessKeys.Verify(witness.PublicKey, WitnessAlarm.SignedMessage(witness.Name, r.Kind, r.UnixSeconds, r.CosignedNote ?? "", r.OfferedNote ?? ""), signature))
            throw new DomainException("witness.alarm_signature_invalid", witness.Name);
        // What the witness had cosigned must be a checkpoint note; what it was offered may be anything (a forged note, say).
        var cosigned = CheckpointText.Parse(r.CosignedNote) ?? throw new DomainException("witness.alarm_malformed");
        var offered = CheckpointText.Parse(r.OfferedNote);
        var now = clock.GetUtcNow();
        var id = Guid.NewGuid();
        var added = await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO ledger_witness_alarms (id, witness, kind, cosigned_size, cosigned_note, offered_size, offered_note, signed_at, signature, raised_at)
            VALUES (@id, @Name, @kind, @cosignedSize, @CosignedNote, @offeredSize, @OfferedNote, @signedAt, @signature, @now)
            ON CONFLICT (witness, signature) DO NOTHING
            """, new
        {
            id, witness.Name, kind = r.Kind.ToString(), cosignedSize = cosigned.Size, r.CosignedNote, offeredSize = offered?.Size, r.OfferedNote,
            signedAt = DateTimeOffset.FromUnixTimeSeconds(r.UnixSeconds), signature, now,
        }, db.Transaction, cancellationToken: ct));
        if (added == 0)
            return new AlarmRecorded(await cn.ExecuteScalarAsync<Guid>(new CommandDefinition(
                "SELECT id FROM ledger_witness_alarms WHERE witness = @Name AND signature = @signature", new { witness.Name, signature }, db.Transaction, cancellationToken: ct)), false);
        // The integrity office's notice (kind LedgerFork and its siblings), in each reader's language when read.
        var title = Coded.Text("notification.ledger_alarm", new Coded.Key($"witness.alarm.{r.Kind}"), witness.Name, witness.Office,
            cosigned.Size, Convert.ToBase64String(cosigned.Root), offered?.Size.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?",
            offered is null ? "?" : Convert.ToBase64String(offered.Root));
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO notifications (id, user_id, event_id, title, link, created_at)
            SELECT gen_random_uuid(), id, @id, @title, '/ledger', @now FROM users
            WHERE NOT is_disabled AND roles && ARRAY['IntegrityOfficer', 'Admin']
            ON CONFLICT DO NOTHING
            """, new { id, title, now }, db.Transaction, cancellationToken: ct));
        return new AlarmRecorded(id, true);
    }
}
