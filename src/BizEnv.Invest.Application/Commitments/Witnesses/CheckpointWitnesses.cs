using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using BizEnv.Invest.Application.Commitments.LedgerExplorer;
using BizEnv.Invest.Domain.Ledger.Witness;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Witnesses;

/// <summary>
/// Who witnessed which checkpoints: each stored cosignature re-checked with its witness's registered key
/// over the checkpoint's note (a row in the table is not a signature), in one read for a page of them. The
/// ledger check (its anchor), the explorer and its export all ask it.
/// </summary>
public static class CheckpointWitnesses
{
    internal static async Task<IReadOnlyList<CheckpointSummary>> AddAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, IReadOnlyList<CheckpointSummary> checkpoints,
        CancellationToken ct)
    {
        if (checkpoints.Count == 0)
            return checkpoints;
        var lines = await ReadAsync(cn, tx, [.. checkpoints.Select(c => c.Id)], ct);
        return [.. checkpoints.Select(c => With(c, lines))];
    }

    /// <summary>The stored cosignatures of the given checkpoints (all of them when null), with their witnesses' keys.</summary>
    public static async Task<ILookup<long, Line>> ReadAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, long[]? ids, CancellationToken ct) =>
        (await cn.QueryAsync<Line>(new CommandDefinition("""
            SELECT c.checkpoint_id AS checkpointid, c.line AS text, w.name, w.office, w.public_key AS key
            FROM ledger_cosignatures c JOIN ledger_witnesses w ON w.name = c.witness
            WHERE @ids::bigint[] IS NULL OR c.checkpoint_id = ANY(@ids) ORDER BY w.name
            """, new { ids }, tx, cancellationToken: ct))).ToLookup(l => l.CheckpointId);

    /// <summary>The checkpoint with the names of the witnesses whose cosignatures on its note verify.</summary>
    public static CheckpointSummary With(CheckpointSummary checkpoint, ILookup<long, Line> lines) =>
        checkpoint with { WitnessedBy = Verified(checkpoint.Note, lines[checkpoint.Id]) };

    /// <summary>The witnesses whose cosignature lines verify with their registered keys over <paramref name="note"/>'s body (none for a note that does not parse).</summary>
    public static IReadOnlyList<string> Verified(string? note, IEnumerable<Line> lines) =>
        note is not null && CheckpointNote.Parse(note) is { } parsed
            ? [.. lines.Where(l => Cosignature.Parse(l.Text) is { } cs && new RegisteredWitness(l.Name, l.Office, l.Key, "", default, null).Made(cs, parsed.Body))
                .Select(l => l.Name)]
            : [];

    public sealed record Line(long CheckpointId, string Text, string Name, string Office, byte[] Key);

    /// <summary>How many witnesses are registered and not retired: the M of "witnessed by N of M".</summary>
    public static Task<int> ActiveCountAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, CancellationToken ct) =>
        cn.ExecuteScalarAsync<int>(new CommandDefinition("SELECT count(*)::int FROM ledger_witnesses WHERE retired_at IS NULL", transaction: tx, cancellationToken: ct));
}
