using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Ledger.Merkle;

namespace BizEnv.Invest.Application.Tests.Commitments.LedgerTree;

/// <summary>
/// The fast read the verifier and the sequencer hash from (<see cref="LedgerScan"/>: stored bytes, no strings) gives the
/// same canonical bytes as the entry read as text and formatted by <see cref="LedgerHash.Canonical"/> — for the fields
/// that could differ: no reason and an empty one, four-byte characters, instants before 2000 and at a second's last microsecond,
/// and entries far larger than the scan's buffer.
/// </summary>
public sealed class LedgerScanTests
{
    [Fact]
    public async Task The_scan_hashes_exactly_what_the_canonical_form_of_each_entry_says()
    {
        await using var ledger = await TestLedger.CreateAsync(0);
        await using (var cn = await ledger.App.OpenConnectionAsync())
        await using (var tx = await cn.BeginTransactionAsync())
        {
            LedgerEntry Entry(string @event, DateTimeOffset at, string? reason, object state) => new(Guid.NewGuid(), @event, "李志强", at, reason, state);
            await new LedgerWriter().AppendManyAsync(cn, tx, [
                Entry("Recorded", new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(8)), null, new { Clause = "五个工作日内供地" }),
                Entry("Extended", new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990), "", new { Clause = "" }),
                Entry("Fulfilled", new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(10), "已兑现 🚀 𠀀", new { Note = "\"quoted\"\n二行" }),
                Entry("Case.Closed", new DateTimeOffset(2017, 12, 31, 16, 0, 0, TimeSpan.Zero), "a\\b", new { Value = 12_500_000.50m }),
                // Larger than the scan's first buffer, then larger again than the one it grew to: evidence lists and long clauses.
                Entry("Amended", new DateTimeOffset(2026, 12, 1, 1, 2, 3, TimeSpan.Zero), new string('改', 2_000), new { Clause = new string('款', 3_000) }),
                Entry("Progress", new DateTimeOffset(2026, 12, 2, 1, 2, 3, TimeSpan.Zero), null, new { Evidence = string.Concat(Enumerable.Repeat("证明材料；", 6_000)) }),
            ], default);
            await tx.CommitAsync();
        }
        (await ledger.Sequencer.IntegrateAllAsync(default))!.Size.ShouldBe(6);

        await using var read = await ledger.App.OpenConnectionAsync();
        var expected = new List<(long Seq, string Event, byte[] Leaf)>();
        await foreach (var row in LedgerRows.StreamAsync(read, 0, null))
            expected.Add((row.Seq, row.Event, MerkleHash.LeafHash(row.Canonical())));
        var scanned = new List<(long Seq, string Event, byte[] Leaf, bool Holds)>();
        await foreach (var scan in LedgerScan.StreamAsync(read, 0, null))
            scanned.Add((scan.Seq, scan.Event, scan.LeafHash, scan.ContentHolds));

        scanned.Select(s => (s.Seq, s.Event, Convert.ToHexStringLower(s.Leaf))).ShouldBe(expected.Select(e => (e.Seq, e.Event, Convert.ToHexStringLower(e.Leaf))));
        scanned.ShouldAllBe(s => s.Holds);
        (await ledger.Verifier.VerifyAsync()).Intact.ShouldBeTrue();
    }
}
