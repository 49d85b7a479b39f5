using BizEnv.Invest.Application.Commitments;
using BizEnv.Invest.Application.Commitments.GetCommitment;
using BizEnv.Invest.Web.Components.Pages.Commitments;
using Bunit;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>
/// A promise's history while an entry waits in the writers' queue: it is shown at once as sealing, with no hash and no
/// receipt link, and fills in — number, hash, receipt — when the sequencer has sealed it, without a reload.
/// </summary>
public sealed class CommitmentTimelineTests : AppPageComponentTest
{
    private static readonly Guid Promise = Guid.Parse("0193a1b2-0000-7000-8000-000000000001");
    private static readonly DateTimeOffset At = new(2026, 11, 30, 4, 0, 0, TimeSpan.Zero);

    private static LedgerEntryDto Entry(long? seq, string @event) =>
        new(seq, @event, "officer", At, null, "{}", seq is null ? null : new string((char)('a' + (int)seq % 6), 64));

    [Fact]
    public void A_queued_entry_shows_as_sealing_and_fills_in_with_its_number_hash_and_receipt_once_sealed()
    {
        var sealedLater = new List<LedgerEntryDto> { Entry(41, "Recorded"), Entry(57, "Approved") };
        Answers.On<GetCommitment, CommitmentDetail>(_ => new CommitmentDetail(null!, sealedLater, false, false, []));
        var cut = Render<CommitmentTimeline>(p => p.Add(x => x.History, [Entry(41, "Recorded"), Entry(null, "Approved")]).Add(x => x.CommitmentId, Promise));

        var queued = cut.Find("li[data-event=Approved]");
        queued.TextContent.ShouldContain("封存中");
        queued.QuerySelector("[data-testid=entry-queued]")!.TextContent.ShouldContain("约 1 秒");
        queued.QuerySelector("[data-testid=receipt-link]").ShouldBeNull();
        cut.FindAll("[data-testid=receipt-link]").Select(a => a.GetAttribute("href")).ShouldBe([$"/commitments/{Promise}/receipts/41"]);

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=receipt-link]").Select(a => a.GetAttribute("href"))
            .ShouldBe([$"/commitments/{Promise}/receipts/41", $"/commitments/{Promise}/receipts/57"]), TimeSpan.FromSeconds(5));
        cut.FindAll("[data-testid=entry-queued]").ShouldBeEmpty();
        cut.Find("li[data-event=Approved]").TextContent.ShouldContain("#57");
        Answers.Sent.Select(s => s.Request).ShouldBe([new GetCommitment(Promise)]);
    }

    [Fact]
    public void A_history_with_every_entry_sealed_is_never_read_again()
    {
        var cut = Render<CommitmentTimeline>(p => p.Add(x => x.History, [Entry(41, "Recorded")]).Add(x => x.CommitmentId, Promise));
        cut.FindAll("[data-testid=receipt-link]").Count.ShouldBe(1);
        Thread.Sleep(1200);
        Answers.Sent.ShouldBeEmpty();
    }
}
