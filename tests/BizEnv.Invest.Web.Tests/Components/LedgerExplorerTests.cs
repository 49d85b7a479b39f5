using BizEnv.Invest.Application.Commitments.LedgerExplorer;
using BizEnv.Invest.Application.Commitments.LedgerExplorer.ListCheckpoints;
using BizEnv.Invest.Application.Commitments.LedgerExplorer.ProveConsistency;
using BizEnv.Invest.Application.Commitments.LedgerExplorer.ProveEntry;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Web.Components.Pages.Commitments.Ledger;
using Bunit;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>
/// The ledger explorer: the checkpoint history with each seal in words, the proof forms prefilled from it,
/// a verdict in plain words either way, and a refusal shown where the form is.
/// </summary>
public sealed class LedgerExplorerTests : AppPageComponentTest
{
    private static readonly string Root = new('a', 64);

    private static CheckpointSummary Checkpoint(long id, long size, string seal) =>
        new(id, new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero).AddHours(id), size, new string('b', 64), Root, "SM2-SM3", "k1", seal, "note");

    private static readonly CheckpointSummary[] Three =
        [Checkpoint(9, 120, "verified") with { WitnessedBy = ["审计局", "人大"] }, Checkpoint(8, 100, "invalid"), Checkpoint(7, 80, "legacy")];

    [Theory]
    [InlineData(Text.Chinese, "签名有效", "签名无效", "旧式（HMAC）")]
    [InlineData(Text.English, "Signature verified", "Signature invalid", "Legacy (HMAC)")]
    public void The_history_shows_each_checkpoint_with_its_seal_in_words(string culture, string verified, string invalid, string legacy)
    {
        using var _ = In(culture);
        Answers.On<ListCheckpoints, CheckpointHistory>(_ => new(new(Three, 3, 1, 50), 2));
        var cut = Render<LedgerExplorerPage>();

        var rows = cut.FindAll("[data-testid=checkpoint-row]");
        rows.Select(r => r.GetAttribute("data-id")).ShouldBe(["9", "8", "7"]);
        cut.FindAll("[data-testid=seal]").Select(s => s.TextContent.Trim()).ShouldBe([verified, invalid, legacy]);
        rows[0].TextContent.ShouldContain("120");
        rows[0].TextContent.ShouldContain("2026-11-20 19:00:00"); // Beijing time
        rows[0].QuerySelector("code")!.GetAttribute("title").ShouldBe(Root);
        cut.FindAll("[data-testid=witnessed]").Select(w => w.TextContent.Trim()[..(culture == Text.Chinese ? 5 : 6)])
            .ShouldBe(culture == Text.Chinese ? ["2 / 2", "0 / 2", "0 / 2"] : ["2 of 2", "0 of 2", "0 of 2"]);
        cut.FindAll("[data-testid=witnessed]")[0].TextContent.ShouldContain("审计局、人大");
        Answers.Sent.ShouldHaveSingleItem().Request.ShouldBe(new ListCheckpoints(null, null, 1));
        // The proof forms start from the newest checkpoint, and the oldest on the page as the earlier one.
        cut.Find("[data-testid=prove-entry-checkpoint]").GetAttribute("value").ShouldBe("9");
        cut.Find("[data-testid=prove-old]").GetAttribute("value").ShouldBe("7");
        cut.Find("[data-testid=prove-new]").GetAttribute("value").ShouldBe("9");
        cut.Find("[data-testid=export-checkpoints]").GetAttribute("href").ShouldBe("/api/v1/ledger/checkpoints/export");
    }

    [Fact]
    public void No_checkpoints_is_said_in_words_and_no_proof_form_without_a_default_breaks()
    {
        Answers.On<ListCheckpoints, CheckpointHistory>(_ => new(new([], 0, 1, 50), 0));
        var cut = Render<LedgerExplorerPage>();
        cut.Find("[data-testid=empty-state]").TextContent.ShouldContain("所选日期内没有检查点");
        cut.Find("[data-testid=prove-entry]").HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public void An_entry_proven_shows_the_verdict_and_the_path_and_one_that_fails_says_so()
    {
        var verified = true;
        Answers
            .On<ListCheckpoints, CheckpointHistory>(_ => new(new(Three, 3, 1, 50), 2))
            .On<ProveEntry, EntryProof>(r => new EntryProof(r.Seq, Guid.NewGuid(), "登记", DateTimeOffset.UnixEpoch, Three[0], new string('c', 64),
                [new string('d', 64), new string('e', 64)], verified, verified));
        var cut = Render<LedgerExplorerPage>();
        cut.Find("[data-testid=prove-entry-seq]").Change("5");
        cut.Find("[data-testid=prove-entry]").Click();

        Answers.Sent.Last().Request.ShouldBe(new ProveEntry(5, 9));
        var verdict = cut.Find("[data-testid=entry-proof-verdict]");
        verdict.GetAttribute("data-verified").ShouldBe("true");
        verdict.TextContent.ShouldContain("第 5 条在检查点 #9（120 条）的封存之内");
        cut.FindAll("#prove-entry ~ dl ol li").Count.ShouldBe(2);

        verified = false;
        cut.Find("[data-testid=prove-entry]").Click();
        cut.Find("[data-testid=entry-proof-verdict]").TextContent.ShouldContain("证明不成立");
    }

    [Fact]
    public void A_consistency_proof_that_fails_names_both_checkpoints_and_a_refusal_shows_its_words()
    {
        Answers
            .On<ListCheckpoints, CheckpointHistory>(_ => new(new(Three, 3, 1, 50), 2))
            .On<ProveConsistency, ConsistencyCheck>(r => r.OldCheckpointId == 7
                ? throw new DomainException("ledger.explorer.legacy_checkpoint", 7L)
                : new ConsistencyCheck(Three[1], Three[0], [new string('f', 64)], false, false));
        var cut = Render<LedgerExplorerPage>();
        cut.Find("[data-testid=prove-consistency]").Click();
        cut.Markup.ShouldContain("检查点 #7 早于默克尔树");

        cut.Find("[data-testid=prove-old]").Change("8");
        cut.Find("[data-testid=prove-consistency]").Click();
        var verdict = cut.Find("[data-testid=consistency-verdict]");
        verdict.GetAttribute("data-verified").ShouldBe("false");
        verdict.TextContent.ShouldContain("检查点 #9 与检查点 #8 不一致");
    }
}
