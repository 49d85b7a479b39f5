using BizEnv.Invest.Domain.Commitments;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Ledger;

/// <summary>
/// Recomputes the whole chain from the stored fields, in order, streaming (a million entries in a
/// few seconds), names the first entry whose hash or link does not hold, and counts every entry.
/// </summary>
public sealed class LedgerVerifier(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The outcome. <see cref="Entries"/> is the ledger's size (also when it is broken); <see cref="Problem"/> is the technical
    /// detail (for the CLI and logs), <see cref="ProblemCode"/> the kind shown in words, <see cref="BrokenCommitmentId"/> and
    /// <see cref="BrokenEvent"/> what the first broken entry says it records, <see cref="HeadHash"/> the last good hash.
    /// </summary>
    public sealed record Result(bool Intact, long Entries, long? FirstBrokenSeq, string? Problem, byte[] HeadHash, string? ProblemCode = null,
        Guid? BrokenCommitmentId = null, string? BrokenEvent = null, long? ExpectedSeq = null);

    public async Task<Result> VerifyAsync(CancellationToken ct = default)
    {
        await using var cn = await dataSource.OpenConnectionAsync(ct);
        await using var reader = await cn.BeginBinaryExportAsync(
            "COPY (SELECT seq, commitment_id, event, actor, at, reason, state, prev_hash, hash FROM commitment_ledger ORDER BY seq) TO STDOUT (FORMAT BINARY)", ct);
        var prev = LedgerHash.Genesis;
        long count = 0, expectedSeq = 1;
        Result? broken = null;
        while (broken is null && await reader.StartRowAsync(ct) != -1)
        {
            count++;
            var seq = await reader.ReadAsync<long>(ct);
            var commitment = await reader.ReadAsync<Guid>(ct);
            var @event = await reader.ReadAsync<string>(ct);
            var actor = await reader.ReadAsync<string>(ct);
            var at = await reader.ReadAsync<DateTime>(ct);
            var reason = reader.IsNull ? await Skip<string>(reader, ct) : await reader.ReadAsync<string>(ct);
            var state = await reader.ReadAsync<string>(ct);
            var storedPrev = await reader.ReadAsync<byte[]>(ct);
            var storedHash = await reader.ReadAsync<byte[]>(ct);
            Result Broken(string problem, string code) => new(false, 0, seq, problem, prev, code, commitment, @event, expectedSeq);
            if (seq != expectedSeq)
                broken = Broken($"sequence gap: expected {expectedSeq}", "gap");
            else if (!storedPrev.AsSpan().SequenceEqual(prev))
                broken = Broken("prev_hash does not match the previous entry", "link");
            else if (!LedgerHash.Compute(prev, LedgerHash.Canonical(seq, commitment, @event, actor,
                         new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)), reason, state)).AsSpan().SequenceEqual(storedHash))
                broken = Broken("hash does not match the entry's content", "content");
            else
            {
                prev = storedHash;
                expectedSeq++;
            }
        }
        if (broken is null)
            return new Result(true, count, null, null, prev);
        // The page says how big the ledger is, not how far the check got: the rest is counted, not streamed.
        await reader.CancelAsync();
        await reader.DisposeAsync();
        var size = await cn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM commitment_ledger", cancellationToken: ct));
        return broken with { Entries = size };
    }

    private static async Task<T?> Skip<T>(NpgsqlBinaryExporter reader, CancellationToken ct)
    {
        await reader.SkipAsync(ct);
        return default;
    }
}
