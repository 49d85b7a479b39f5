using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger.Tree;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Ledger.Merkle;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Witnesses.GetLatestCheckpoint;

/// <summary>
/// The latest signed checkpoint, for anyone (no sign-in: a witness or an investor checks it with the published key),
/// with the RFC 9162 consistency proof from the tree of <paramref name="Since"/> entries to it when asked — what a
/// witness needs in one read. The proof is of the tree as stored: a checkpoint that states another root fails it.
/// </summary>
[Anonymous]
public sealed record GetLatestCheckpoint(long? Since = null) : IQuery<LatestCheckpointDto>;

/// <summary>
/// <see cref="Note"/> is the log's signed note; <see cref="CosignedNote"/> the same with the registered witnesses'
/// cosignature lines appended. <see cref="Proof"/> (hex) is null when no proof from <see cref="Since"/> exists (a larger
/// size than the checkpoint's, or none asked).
/// </summary>
public sealed record LatestCheckpointDto(long Id, long Size, string Root, DateTimeOffset At, string Note, string CosignedNote, long? Since, IReadOnlyList<string>? Proof);

public sealed class GetLatestCheckpointHandler(IDbSession db) : IRequestHandler<GetLatestCheckpoint, LatestCheckpointDto>
{
    public async Task<LatestCheckpointDto> Handle(GetLatestCheckpoint r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var latest = await cn.QuerySingleOrDefaultAsync<(long Id, long Size, byte[] Root, DateTime At, string Note)?>(new CommandDefinition(
            "SELECT id, size, tree_root, at, note FROM ledger_checkpoints WHERE note IS NOT NULL ORDER BY id DESC LIMIT 1", cancellationToken: ct))
            ?? throw new DomainException("ledger.no_checkpoint");
        var c = latest;
        var lines = await cn.QueryAsync<string>(new CommandDefinition("""
            SELECT c.line FROM ledger_cosignatures c JOIN ledger_witnesses w ON w.name = c.witness AND w.retired_at IS NULL
            WHERE c.checkpoint_id = @Id ORDER BY c.witness
            """, new { c.Id }, cancellationToken: ct));
        IReadOnlyList<string>? proof = null;
        if (r.Since is { } since && since >= 1 && since <= c.Size)
        {
            var head = await TreeHead.ReadAsync(cn, null, ct);
            if (c.Size <= head.Size)
                proof = since == c.Size ? [] : [.. (await MerkleRange.ReadAsync(new MerkleNodeTable(cn, null), MerkleProofs.ConsistencyRanges(since, c.Size), ct)).Select(Convert.ToHexStringLower)];
        }
        var cosigned = c.Note + string.Concat(lines.Select(l => l + "\n"));
        return new LatestCheckpointDto(c.Id, c.Size, Convert.ToHexStringLower(c.Root), new DateTimeOffset(DateTime.SpecifyKind(c.At, DateTimeKind.Utc)), c.Note, cosigned, r.Since, proof);
    }
}
