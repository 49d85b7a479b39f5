using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BizEnv.Invest.Domain.Commitments;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Ledger;

/// <summary>
/// Queues ledger entries inside the caller's transaction: they commit or roll back with the change they record, and
/// a rolled-back event leaves no entry and no gap. No lock is taken — writers on every node never wait for each other;
/// the <see cref="Tree.LedgerSequencer"/> (one at a time in the cluster) gives committed entries their seq, hash chain
/// and place in the Merkle tree, in queue order. A writer appends after the changes it records (as every writer here
/// does), so that queue order follows the order in which changes to the same thing committed.
/// </summary>
public sealed class LedgerWriter
{
    // Chinese kept as text, not \u escapes: the ledger is read by people (and only ever stored, never put into HTML raw).
    // Words put together for a reader ([NotInLedger]) stay out: the ledger records the state, the same whoever's language wrote it.
    public static readonly JsonSerializerOptions StateJson = new()
    {
        WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NotInLedgerAttribute.LeaveOut } },
    };

    /// <summary>One entry (a user's command): a plain insert (public for the benchmark's raw run of the same statements).</summary>
    public const string AppendOne = "INSERT INTO ledger_queue (commitment_id, event, actor, at, reason, state) VALUES (@id, @event, @actor, @at, @reason, @state)";

    public Task AppendAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid commitmentId, string @event, string actor,
        DateTimeOffset at, string? reason, object state, CancellationToken ct) =>
        // Truncated here to what PostgreSQL keeps, so the sequencer hashes exactly what is stored.
        cn.ExecuteAsync(new CommandDefinition(AppendOne, new { id = commitmentId, @event, actor, at = LedgerHash.Truncate(at), reason,
            state = JsonSerializer.Serialize(state, StateJson) }, tx, cancellationToken: ct));

    /// <summary>Queues entries in the given order with one INSERT (a command's entries together, sequenced in this order).</summary>
    public async Task AppendManyAsync(NpgsqlConnection cn, NpgsqlTransaction tx, IReadOnlyList<LedgerEntry> entries, CancellationToken ct)
    {
        var n = entries.Count;
        var (ids, events, actors, ats, reasons, states) = (new Guid[n], new string[n], new string[n], new DateTimeOffset[n], new string?[n], new string[n]);
        for (var i = 0; i < n; i++)
        {
            var e = entries[i];
            // Truncated here to what PostgreSQL keeps, so the sequencer hashes exactly what is stored.
            (ids[i], events[i], actors[i], ats[i], reasons[i]) = (e.CommitmentId, e.Event, e.Actor, LedgerHash.Truncate(e.At), e.Reason);
            states[i] = JsonSerializer.Serialize(e.State, StateJson);
        }
        // unnest WITH ORDINALITY: the identity is assigned in the entries' order.
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO ledger_queue (commitment_id, event, actor, at, reason, state)
            SELECT id, event, actor, at, reason, state FROM unnest(@ids, @events, @actors, @ats, @reasons, @states) WITH ORDINALITY
                AS e (id, event, actor, at, reason, state, n) ORDER BY n
            """, new { ids, events, actors, ats, reasons, states }, tx, cancellationToken: ct));
    }
}

/// <summary>One event of one promise, with the full new state it records.</summary>
public sealed record LedgerEntry(Guid CommitmentId, string Event, string Actor, DateTimeOffset At, string? Reason, object State);
