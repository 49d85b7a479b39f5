using BizEnv.Invest.Domain.Commitments;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Ledger;

/// <summary>One stored ledger entry as read back: the fields both the hash chain and the Merkle tree hash.</summary>
public sealed record LedgerRow(long Seq, Guid CommitmentId, string Event, string Actor, DateTime At, string? Reason, string State, byte[] PrevHash, byte[] Hash)
{
    /// <summary>The entry's canonical bytes: hashed into the chain after prev_hash, and into the tree as its leaf.</summary>
    public byte[] Canonical() =>
        LedgerHash.Canonical(Seq, CommitmentId, Event, Actor, new DateTimeOffset(DateTime.SpecifyKind(At, DateTimeKind.Utc)), Reason, State);

    /// <summary>
    /// Entries with seq &gt; <paramref name="afterSeq"/>, in order, streamed with binary COPY (a million in a few
    /// seconds, in constant memory); at most <paramref name="limit"/> when given. COPY takes no parameters: both
    /// are numbers formatted here.
    /// </summary>
    public static async IAsyncEnumerable<LedgerRow> StreamAsync(NpgsqlConnection cn, long afterSeq, int? limit,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var sql = $"COPY (SELECT seq, commitment_id, event, actor, at, reason, state, prev_hash, hash FROM commitment_ledger WHERE seq > {afterSeq} ORDER BY seq"
            + (limit is { } n ? $" LIMIT {n}" : "") + ") TO STDOUT (FORMAT BINARY)";
        await using var reader = await cn.BeginBinaryExportAsync(sql, ct);
        var complete = false;
        try
        {
            while (await reader.StartRowAsync(ct) != -1)
            {
                var row = new LedgerRow(await reader.ReadAsync<long>(ct), await reader.ReadAsync<Guid>(ct), await reader.ReadAsync<string>(ct),
                    await reader.ReadAsync<string>(ct), await reader.ReadAsync<DateTime>(ct), reader.IsNull ? await Skip(reader, ct) : await reader.ReadAsync<string>(ct),
                    await reader.ReadAsync<string>(ct), await reader.ReadAsync<byte[]>(ct), await reader.ReadAsync<byte[]>(ct));
                yield return row;
            }
            complete = true;
        }
        finally
        {
            // A reader that stops early (the verifier at a broken entry) leaves the rest unread: cancel the COPY
            // so the connection is usable again at once.
            if (!complete)
                await reader.CancelAsync();
        }
    }

    private static async Task<string?> Skip(NpgsqlBinaryExporter reader, CancellationToken ct)
    {
        await reader.SkipAsync(ct);
        return null;
    }
}
