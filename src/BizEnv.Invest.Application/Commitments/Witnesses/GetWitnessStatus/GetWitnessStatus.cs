using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Witnesses.GetWitnessStatus;

/// <summary>Who witnesses the ledger: "witnessed by N of M" for the latest checkpoint, each witness's last cosignature, and the latest alarms.</summary>
[AllowRoles(Role.IntegrityOfficer, Role.Admin)]
public sealed record GetWitnessStatus : IQuery<WitnessStatus>;

/// <summary>
/// <see cref="Cosigned"/> of the <see cref="Registered"/> active witnesses cosigned the latest checkpoint (<see cref="LatestSize"/>
/// entries; null before the first signed checkpoint).
/// </summary>
public sealed record WitnessStatus(long? LatestCheckpointId, long? LatestSize, DateTimeOffset? LatestAt, int Cosigned, int Registered,
    IReadOnlyList<WitnessState> Witnesses, IReadOnlyList<WitnessAlarmDto> Alarms);

public sealed record WitnessState(string Name, string Office, string KeyId, string PublicKey, bool Active, bool CosignedLatest, DateTimeOffset? LastCosignedAt,
    long? LastCosignedSize);

/// <summary>A refusal as recorded; <see cref="KindText"/> in the reader's language.</summary>
public sealed record WitnessAlarmDto(Guid Id, string Witness, string Kind, string KindText, long CosignedSize, long? OfferedSize, DateTimeOffset RaisedAt);

public sealed class GetWitnessStatusHandler(IDbSession db) : IRequestHandler<GetWitnessStatus, WitnessStatus>
{
    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    public async Task<WitnessStatus> Handle(GetWitnessStatus r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var latest = await cn.QuerySingleOrDefaultAsync<(long Id, long Size, DateTime At)?>(new CommandDefinition(
            "SELECT id, size, at FROM ledger_checkpoints WHERE note IS NOT NULL ORDER BY id DESC LIMIT 1", cancellationToken: ct));
        var witnesses = await WitnessKeys.ReadAllAsync(cn, null, ct);
        // Each witness's newest cosignature (by checkpoint) and whether it covers the latest checkpoint.
        var last = (await cn.QueryAsync<(string Witness, long CheckpointId, long Size, DateTime SignedAt)>(new CommandDefinition("""
            SELECT DISTINCT ON (c.witness) c.witness, c.checkpoint_id, k.size, c.signed_at
            FROM ledger_cosignatures c JOIN ledger_checkpoints k ON k.id = c.checkpoint_id
            ORDER BY c.witness, c.checkpoint_id DESC
            """, cancellationToken: ct))).ToDictionary(x => x.Witness);
        var rows = witnesses.Select(w =>
        {
            var seen = last.TryGetValue(w.Name, out var l) ? l : default((string, long, long, DateTime)?);
            return new WitnessState(w.Name, w.Office, w.KeyId, Convert.ToBase64String(w.PublicKey), w.RetiredAt is null,
                seen is { } s && latest is { } c && s.Item2 == c.Id, seen is { } a ? Utc(a.Item4) : null, seen?.Item3);
        }).ToList();
        var alarms = await cn.QueryAsync<(Guid Id, string Witness, string Kind, long CosignedSize, long? OfferedSize, DateTime RaisedAt)>(new CommandDefinition(
            "SELECT id, witness, kind, cosigned_size, offered_size, raised_at FROM ledger_witness_alarms ORDER BY raised_at DESC, id LIMIT 20", cancellationToken: ct));
        return new WitnessStatus(latest?.Id, latest?.Size, latest is { } at ? Utc(at.At) : null, rows.Count(w => w.Active && w.CosignedLatest), rows.Count(w => w.Active), rows,
            [.. alarms.Select(a => new WitnessAlarmDto(a.Id, a.Witness, a.Kind, Localization.Text.Get($"witness.alarm.{a.Kind}"), a.CosignedSize, a.OfferedSize, Utc(a.RaisedAt)))]);
    }
}
