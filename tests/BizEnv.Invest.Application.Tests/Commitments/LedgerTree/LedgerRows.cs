using BizEnv.Invest.Application.Commitments.Ledger;
using Npgsql;

namespace BizEnv.Invest.Application.Tests.Commitments.LedgerTree;

/// <summary>
/// The tests' own read of the ledger, independent of the app's <see cref="LedgerScan"/>: every entry as text through
/// binary COPY, hashed by <see cref="LedgerRow.Canonical"/> — a second implementation the scan, the sequencer and the
/// verifier are held against, and what an attacker's re-chaining reads.
/// </summary>
internal static class LedgerRows
{
    /// <summary>Entries with seq &gt; <paramref name="afterSeq"/>, in order; at most <paramref name="limit"/> when given.</summary>
    public static async IAsyncEnumerable<LedgerRow> StreamAsync(NpgsqlConnection cn, long afterSeq, int? limit)
    {
        var sql = $"COPY (SELECT seq, commitment_id, event, actor, at, reason, state, prev_hash, hash FROM commitment_ledger WHERE seq > {afterSeq} ORDER BY seq"
            + (limit is { } n ? $" LIMIT {n}" : "") + ") TO STDOUT (FORMAT BINARY)";
        await using var reader = await cn.BeginBinaryExportAsync(sql);
        while (await reader.StartRowAsync() != -1)
            yield return new LedgerRow(await reader.ReadAsync<long>(), await reader.ReadAsync<Guid>(), await reader.ReadAsync<string>(),
                await reader.ReadAsync<string>(), await reader.ReadAsync<DateTime>(), reader.IsNull ? await Skip(reader) : await reader.ReadAsync<string>(),
                await reader.ReadAsync<string>(), await reader.ReadAsync<byte[]>(), await reader.ReadAsync<byte[]>());
    }

    private static async Task<string?> Skip(NpgsqlBinaryExporter reader)
    {
        await reader.SkipAsync();
        return null;
    }
}
