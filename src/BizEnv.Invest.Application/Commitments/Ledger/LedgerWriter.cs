using System.Text.Json;
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
    public static readonly JsonSerializerOptions StateJson = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<long> AppendAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid commitmentId, string @event, string actor,
        DateTimeOffset at, string? reason, object state, CancellationToken ct)
    {
        await cn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, tx, cancellationToken: ct));
        var last = await cn.QuerySingleOrDefaultAsync<(long Seq, byte[] Hash)?>(new CommandDefinition(
            "SELECT seq, hash FROM commitment_ledger ORDER BY seq DESC LIMIT 1", transaction: tx, cancellationToken: ct));
        var seq = (last?.Seq ?? 0) + 1;
        var prev = last?.Hash ?? LedgerHash.Genesis;
        var when = LedgerHash.Truncate(at);
        var json = JsonSerializer.Serialize(state, StateJson);
        var hash = LedgerHash.Compute(prev, LedgerHash.Canonical(seq, commitmentId, @event, actor, when, reason, json));
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO commitment_ledger (seq, commitment_id, event, actor, at, reason, state, prev_hash, hash)
            VALUES (@seq, @commitmentId, @event, @actor, @when, @reason, @json, @prev, @hash)
            """, new { seq, commitmentId, @event, actor, when, reason, json, prev, hash }, tx, cancellationToken: ct));
        return seq;
    }
}
