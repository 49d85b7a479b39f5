using BizEnv.Invest.Domain.Commitments;

namespace BizEnv.Invest.Application.Commitments.Ledger;

/// <summary>One stored ledger entry as read back: the fields both the hash chain and the Merkle tree hash.</summary>
public sealed record LedgerRow(long Seq, Guid CommitmentId, string Event, string Actor, DateTime At, string? Reason, string State, byte[] PrevHash, byte[] Hash)
{
    /// <summary>The entry's canonical bytes: hashed into the chain after prev_hash, and into the tree as its leaf.</summary>
    public byte[] Canonical() =>
        LedgerHash.Canonical(Seq, CommitmentId, Event, Actor, new DateTimeOffset(DateTime.SpecifyKind(At, DateTimeKind.Utc)), Reason, State);
}
