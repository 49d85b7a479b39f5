using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.LedgerExplorer;

/// <summary>
/// A checkpoint as the explorer shows it: when, how many entries, the tree root it sealed and how it is
/// signed — <see cref="Seal"/> "verified" (the note verifies with the published key and states this row's
/// size and root), "invalid" (it does not), "legacy" (an HMAC checkpoint from before signed notes) — and
/// <see cref="WitnessedBy"/>, the witnesses whose cosignatures on it verify with their registered keys.
/// </summary>
public sealed record CheckpointSummary(long Id, DateTimeOffset At, long Size, string HeadHash, string? TreeRoot, string? Algorithm, string? KeyId,
    string Seal, string? Note)
{
    public IReadOnlyList<string> WitnessedBy { get; init; } = [];
}

internal sealed record CheckpointRow(long Id, DateTime At, long Size, byte[] HeadHash, byte[]? TreeRoot, string? Algorithm, string? KeyId, string? Note)
{
    public const string Select = "SELECT id, at, size, head_hash AS headhash, tree_root AS treeroot, algorithm, key_id AS keyid, note FROM ledger_checkpoints";

    /// <summary>The seal is checked here, on every read: a row rewritten by hand shows as "invalid", not as what it claims.</summary>
    public CheckpointSummary ToSummary(ICheckpointSigner signer) =>
        new(Id, new DateTimeOffset(DateTime.SpecifyKind(At, DateTimeKind.Utc)), Size, Convert.ToHexStringLower(HeadHash), TreeRoot is null ? null : Convert.ToHexStringLower(TreeRoot), Algorithm, KeyId, SealOf(signer), Note);

    private string SealOf(ICheckpointSigner signer) => Note is null
        ? "legacy"
        : CheckpointNote.Parse(Note) is { } n && n.VerifiedBy(signer) && n.Size == Size && TreeRoot is not null && n.Root.AsSpan().SequenceEqual(TreeRoot)
            ? "verified"
            : "invalid";

    public static async Task<CheckpointRow> ReadAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, long id, CancellationToken ct) =>
        await cn.QuerySingleOrDefaultAsync<CheckpointRow>(new CommandDefinition(Select + " WHERE id = @id", new { id }, tx, cancellationToken: ct))
        ?? throw new Errors.NotFoundException("ledger-checkpoint", id);
}
