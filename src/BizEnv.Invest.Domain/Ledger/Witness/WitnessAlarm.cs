using System.Globalization;
using System.Text;

namespace BizEnv.Invest.Domain.Ledger.Witness;

/// <summary>Why a witness refused to cosign.</summary>
public enum AlarmKind
{
    /// <summary>Same size as the checkpoint it cosigned, another root.</summary>
    Fork,

    /// <summary>Fewer entries than the checkpoint it cosigned.</summary>
    Shrink,

    /// <summary>Larger, but the consistency proof does not lead from the old root to the new one (or there was none).</summary>
    Inconsistent,

    /// <summary>The checkpoint's signature does not verify with the log key the witness pinned.</summary>
    BadSignature,
}

/// <summary>
/// A witness's report that it refused: signed with its Ed25519 key over <see cref="SignedMessage"/>, so the app takes it
/// only from a registered witness and nobody can raise (or forge) an alarm in a witness's name. The message names both
/// checkpoints in full: the one the witness had cosigned and the one it was offered.
/// </summary>
public static class WitnessAlarm
{
    public static byte[] SignedMessage(string witnessName, AlarmKind kind, long unixSeconds, string seenNote, string offeredNote) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"ledger-witness-alarm/v1\n{witnessName}\n{kind}\ntime {unixSeconds}\n--- cosigned\n{seenNote}--- offered\n{offeredNote}"));
}

/// <summary>What a witness makes of a new checkpoint given the last one it cosigned — the rule both the witness and its tests use.</summary>
public static class WitnessRule
{
    /// <param name="consistent">Whether the consistency proof from the old tree to the new one verified (asked only when the log grew).</param>
    public static AlarmKind? Judge(long seenSize, ReadOnlySpan<byte> seenRoot, long newSize, ReadOnlySpan<byte> newRoot, Func<bool> consistent)
    {
        if (newSize < seenSize)
            return AlarmKind.Shrink;
        if (newSize == seenSize)
            return seenRoot.SequenceEqual(newRoot) ? null : AlarmKind.Fork;
        // From the empty tree anything is consistent: there was nothing to keep.
        return seenSize == 0 || consistent() ? null : AlarmKind.Inconsistent;
    }
}
