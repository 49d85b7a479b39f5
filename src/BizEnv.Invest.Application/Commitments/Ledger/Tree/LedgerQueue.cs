using BizEnv.Invest.Domain.Commitments;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Ledger.Tree;

/// <summary>
/// The sequencer's first step: committed entries leave the writers' queue (<c>ledger_queue</c>) in queue order and
/// join <c>commitment_ledger</c> with the next seqs, each chained to the one before — in the sequencer's transaction,
/// under its lock, so one node at a time gives out seqs and a failed batch leaves every entry queued.
/// </summary>
internal static class LedgerQueue
{
    private sealed record Queued(long Id, Guid CommitmentId, string Event, string Actor, DateTime At, string? Reason, string State);

    /// <summary>Moves up to <paramref name="limit"/> queued entries into the ledger; returns how many.</summary>
    public static async Task<int> MoveAsync(NpgsqlConnection cn, NpgsqlTransaction tx, int limit, CancellationToken ct)
    {
        // Entries of transactions still open are not visible yet: they are moved by a later batch, after
        // these, which committed first.
        var queued = (await cn.QueryAsync<Queued>(new CommandDefinition("""
            DELETE FROM ledger_queue WHERE id IN (SELECT id FROM ledger_queue ORDER BY id LIMIT @limit)
            RETURNING id, commitment_id AS commitmentid, event, actor, at, reason, state
            """, new { limit }, tx, cancellationToken: ct))).OrderBy(q => q.Id).ToList();
        if (queued.Count == 0)
            return 0;
        var last = await cn.QuerySingleOrDefaultAsync<(long Seq, byte[] Hash)?>(new CommandDefinition(
            "SELECT seq, hash FROM commitment_ledger ORDER BY seq DESC LIMIT 1", transaction: tx, cancellationToken: ct));
        var seq = last?.Seq ?? 0;
        var prev = last?.Hash ?? LedgerHash.Genesis;
        var n = queued.Count;
        var (seqs, ids, events, actors, ats, reasons, states, prevs, hashes) =
            (new long[n], new Guid[n], new string[n], new string[n], new DateTime[n], new string?[n], new string[n], new byte[n][], new byte[n][]);
        for (var i = 0; i < n; i++)
        {
            var q = queued[i];
            seqs[i] = ++seq;
            (ids[i], events[i], actors[i], ats[i], reasons[i], states[i]) = (q.CommitmentId, q.Event, q.Actor, DateTime.SpecifyKind(q.At, DateTimeKind.Utc), q.Reason, q.State);
            prevs[i] = prev;
            hashes[i] = prev = LedgerHash.Compute(prev, LedgerHash.Canonical(seqs[i], ids[i], events[i], actors[i], new DateTimeOffset(ats[i]), reasons[i], states[i]));
        }
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO commitment_ledger (seq, commitment_id, event, actor, at, reason, state, prev_hash, hash)
            SELECT * FROM unnest(@seqs, @ids, @events, @actors, @ats, @reasons, @states, @prevs, @hashes)
            """, new { seqs, ids, events, actors, ats, reasons, states, prevs, hashes }, tx, cancellationToken: ct));
        return n;
    }
}
