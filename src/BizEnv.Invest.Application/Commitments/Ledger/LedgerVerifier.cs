using BizEnv.Invest.Domain.Commitments;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Ledger;

/// <summary>
/// Recomputes the whole chain from the stored fields, in order, streaming (a million entries in a
/// few seconds), and names the first entry whose hash or link does not hold.
/// </summary>
public sealed class LedgerVerifier(NpgsqlDataSource dataSource)
{
    /// <summary>The outcome; <see cref="Problem"/> is the technical detail (for the CLI and logs), <see cref="ProblemCode"/> the kind shown in words on the page.</summary>
    public sealed record Result(bool Intact, long Entries, long? FirstBrokenSeq, string? Problem, byte[] HeadHash, string? ProblemCode = null);

    public async Task<Result> VerifyAsync(CancellationToken ct = default)
    {
        await using var cn = await dataSource.OpenConnectionAsync(ct);
        await using var reader = await cn.BeginBinaryExportAsync(
            "COPY (SELECT seq, commitment_id, event, actor, at, reason, state, prev_hash, hash FROM commitment_ledger ORDER BY seq) TO STDOUT (FORMAT BINARY)", ct);
        var prev = LedgerHash.Genesis;
        long count = 0, expectedSeq = 1;
        while (await reader.StartRowAsync(ct) != -1)
        {
            var seq = await reader.ReadAsync<long>(ct);
            var commitment = await reader.ReadAsync<Guid>(ct);
            var @event = await reader.ReadAsync<string>(ct);
            var actor = await reader.ReadAsync<string>(ct);
            var at = await reader.ReadAsync<DateTime>(ct);
            var reason = reader.IsNull ? await Skip<string>(reader, ct) : await reader.ReadAsync<string>(ct);
            var state = await reader.ReadAsync<string>(ct);
            var storedPrev = await reader.ReadAsync<byte[]>(ct);
            var storedHash = await reader.ReadAsync<byte[]>(ct);
            count++;
            if (seq != expectedSeq)
                return new Result(false, count, seq, $"sequence gap: expected {expectedSeq}", prev, "gap");
            if (!storedPrev.AsSpan().SequenceEqual(prev))
                return new Result(false, count, seq, "prev_hash does not match the previous entry", prev, "link");
            var computed = LedgerHash.Compute(prev, LedgerHash.Canonical(seq, commitment, @event, actor,
                new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)), reason, state));
            if (!computed.AsSpan().SequenceEqual(storedHash))
                return new Result(false, count, seq, "hash does not match the entry's content", prev, "content");
            prev = storedHash;
            expectedSeq++;
        }
        return new Result(true, count, null, null, prev);
    }

    private static async Task<T?> Skip<T>(NpgsqlBinaryExporter reader, CancellationToken ct)
    {
        await reader.SkipAsync(ct);
        return default;
    }
}
