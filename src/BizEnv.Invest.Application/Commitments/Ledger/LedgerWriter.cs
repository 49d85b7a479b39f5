using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BizEnv.Invest.Domain.Commitments;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Ledger;

/// <summary>
/// Appends ledger entries inside the caller's transaction. A transaction-scoped advisory lock makes
/// appends from every node take turns, so each entry links to the one before it; the lock ends with
/// the transaction, and a rolled-back event leaves no entry and no gap.
/// </summary>
public sealed class LedgerWriter
{
    private const long LockKey = 0x4C_45_44_47_45_52; // "LEDGER"

    // Chinese kept as text, not \u escapes: the ledger is read by people (and only ever stored, never put into HTML raw).
    // Words put together for a reader ([NotInLedger]) stay out: the ledger records the state, the same whoever's language wrote it.
    public static readonly JsonSerializerOptions StateJson = new()
    {
        WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NotInLedgerAttribute.LeaveOut } },
    };

    public async Task<long> AppendAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid commitmentId, string @event, string actor,
        DateTimeOffset at, string? reason, object state, CancellationToken ct) =>
        await AppendManyAsync(cn, tx, [new LedgerEntry(commitmentId, @event, actor, at, reason, state)], ct);

    /// <summary>
    /// Appends entries in the given order under one lock and one INSERT (a command's entries together). Returns the sequence number of the last one.
    /// </summary>
    public async Task<long> AppendManyAsync(NpgsqlConnection cn, NpgsqlTransaction tx, IReadOnlyList<LedgerEntry> entries, CancellationToken ct)
    {
        // The lock, then the head read under it — two statements (the second's snapshot is taken once the
        // lock is held, so it sees every entry committed before), sent in one round trip.
        (long Seq, byte[] Hash)? last;
        await using (var read = await cn.QueryMultipleAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(@LockKey); SELECT seq, hash FROM commitment_ledger ORDER BY seq DESC LIMIT 1", new { LockKey }, tx, cancellationToken: ct)))
        {
            await read.ReadAsync();
            last = await read.ReadSingleOrDefaultAsync<(long Seq, byte[] Hash)?>();
        }
        var seq = last?.Seq ?? 0;
        var prev = last?.Hash ?? LedgerHash.Genesis;
        var n = entries.Count;
        var (seqs, ids, events, actors, ats, reasons, states, prevs, hashes) =
            (new long[n], new Guid[n], new string[n], new string[n], new DateTimeOffset[n], new string?[n], new string[n], new byte[n][], new byte[n][]);
        for (var i = 0; i < n; i++)
        {
            var e = entries[i];
            seqs[i] = ++seq;
            (ids[i], events[i], actors[i], ats[i], reasons[i]) = (e.CommitmentId, e.Event, e.Actor, LedgerHash.Truncate(e.At), e.Reason);
            states[i] = JsonSerializer.Serialize(e.State, StateJson);
            prevs[i] = prev;
            hashes[i] = prev = LedgerHash.Compute(prev, LedgerHash.Canonical(seqs[i], ids[i], events[i], actors[i], ats[i], reasons[i], states[i]));
        }
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO commitment_ledger (seq, commitment_id, event, actor, at, reason, state, prev_hash, hash)
            SELECT * FROM unnest(@seqs, @ids, @events, @actors, @ats, @reasons, @states, @prevs, @hashes)
            """, new { seqs, ids, events, actors, ats, reasons, states, prevs, hashes }, tx, cancellationToken: ct));
        return seq;
    }
}

/// <summary>One event of one promise, with the full new state it records.</summary>
public sealed record LedgerEntry(Guid CommitmentId, string Event, string Actor, DateTimeOffset At, string? Reason, object State);
