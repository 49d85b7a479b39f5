using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Handover.AcknowledgeAllHandovers;
using BizEnv.Invest.Application.Handover.AcknowledgeHandover;
using BizEnv.Invest.Application.Handover.Grain;
using BizEnv.Invest.Application.Handover.ListMyHandovers;
using BizEnv.Invest.Application.Handover.ListUnacknowledgedHandovers;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Handover;
using BizEnv.Invest.Web.Components.Pages.Handover;
using Bunit;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>
/// The "handed to you" card on the home page (hidden until something was handed over; each item or all
/// acknowledged, with the refusal said) and the leaders' page of unacknowledged handovers by unit.
/// </summary>
public sealed class HandoverComponentTests : AppPageComponentTest
{
    private static readonly Guid Handover = Guid.NewGuid();
    private static readonly Guid Promise = Guid.NewGuid();
    private static readonly Guid Demand = Guid.NewGuid();
    private static readonly Guid Project = Guid.NewGuid();

    private static readonly HandedItem[] Three =
    [
        new(Handover, "promise", Promise, "HC-2026-0001 设备补贴 300 万元", "钱多多", HandoverItemStatus.Assigned, DateTimeOffset.UnixEpoch, $"/commitments/{Promise}"),
        new(Handover, "demand", Demand, "协调用电增容", "钱多多", HandoverItemStatus.Assigned, DateTimeOffset.UnixEpoch, null),
        new(Handover, "concierge", Project, "HC-2026-0002 储能基地", "钱多多", HandoverItemStatus.Pending, null, $"/projects/{Project}"),
    ];

    private static HandoverSummary Summary => new(Handover, 3, 1, 1, 0, 1);

    [Fact]
    public void Nothing_shows_until_something_was_handed_over()
    {
        Answers.On<ListMyHandovers, IReadOnlyList<HandedItem>>(_ => []);
        Render<HandedToYouCard>().Markup.Trim().ShouldBeEmpty();
        Answers.Sent.ShouldHaveSingleItem().Actor.UserId.ShouldBe(UserId);
    }

    [Theory]
    [InlineData(Text.Chinese, "交接给我的事项", "签收", "移交中", "来自 钱多多")]
    [InlineData(Text.English, "Handed to you", "Acknowledge", "Moving", "from 钱多多")]
    public void Moved_items_can_be_acknowledged_and_moving_ones_say_so(string culture, string title, string acknowledge, string moving, string from)
    {
        using var _ = In(culture);
        Answers.On<ListMyHandovers, IReadOnlyList<HandedItem>>(_ => Three);
        var cut = Render<HandedToYouCard>();

        cut.Find("#handed-title").TextContent.ShouldContain(title);
        cut.Find("[data-testid=handed-count]").TextContent.ShouldBe("2");
        cut.FindAll("[data-testid=handed-item]").Count.ShouldBe(3);
        cut.Find($"[data-testid=handover-ack-{Promise}]").TextContent.ShouldBe(acknowledge);
        cut.FindAll($"[data-testid=handover-ack-{Project}]").ShouldBeEmpty(); // still moving: nothing to acknowledge yet
        cut.FindAll("[data-testid=handed-item]")[2].TextContent.ShouldContain(moving);
        cut.Find($"a[href='/commitments/{Promise}']").TextContent.ShouldBe(Three[0].Label);
        cut.FindAll("[data-testid=handed-item]")[1].QuerySelector("a").ShouldBeNull(); // a demand has no page of its own
        cut.Markup.ShouldContain(from);
    }

    [Fact]
    public void Acknowledging_one_sends_that_item_with_a_key_and_reloads()
    {
        var acknowledged = false;
        Answers
            .On<ListMyHandovers, IReadOnlyList<HandedItem>>(_ => acknowledged ? Three[1..] : Three)
            .On<AcknowledgeHandover, HandoverSummary>(_ => { acknowledged = true; return Summary; });
        var cut = Render<HandedToYouCard>();

        cut.Find($"[data-testid=handover-ack-{Promise}]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=handed-item]").Count.ShouldBe(2));
        var sent = Answers.Sent.Where(s => s.Request is AcknowledgeHandover).ShouldHaveSingleItem();
        sent.Request.ShouldBe(new AcknowledgeHandover(Handover, "promise", Promise));
        sent.IdempotencyKey.ShouldNotBeNullOrEmpty();
        cut.Find("[data-testid=handed-count]").TextContent.ShouldBe("1");
    }

    [Fact]
    public void Acknowledge_all_sends_one_command_and_the_button_goes_when_nothing_waits()
    {
        var all = false;
        Answers
            .On<ListMyHandovers, IReadOnlyList<HandedItem>>(_ => all ? Three[2..] : Three)
            .On<AcknowledgeAllHandovers, Done>(_ => { all = true; return Done.Value; });
        var cut = Render<HandedToYouCard>();

        cut.Find("[data-testid=handover-ack-all]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=handover-ack-all]").ShouldBeEmpty());
        Answers.Sent.Count(s => s.Request is AcknowledgeAllHandovers).ShouldBe(1);
        cut.FindAll("[data-testid=handed-item]").Count.ShouldBe(1);
    }

    [Fact]
    public void A_refused_acknowledgement_says_why_and_keeps_the_items()
    {
        using var _ = In(Text.Chinese);
        Answers
            .On<ListMyHandovers, IReadOnlyList<HandedItem>>(_ => Three)
            .On<AcknowledgeHandover, HandoverSummary>(_ => throw new DomainException("handover.item_closed"));
        var cut = Render<HandedToYouCard>();

        cut.Find($"[data-testid=handover-ack-{Demand}]").Click();

        cut.WaitForAssertion(() => cut.Markup.ShouldContain(Text.Get("handover.item_closed")));
        cut.FindAll("[data-testid=handed-item]").Count.ShouldBe(3);
    }

    [Fact]
    public void Leaders_see_counts_per_unit_and_can_narrow_the_list_to_one_unit()
    {
        var unitA = Guid.NewGuid();
        var unitB = Guid.NewGuid();
        Answers.On<ListUnacknowledgedHandovers, UnacknowledgedHandovers>(r => new(
            [new(unitA, "招商一处", 2, 1), new(unitB, "招商二处", 1, 0)],
            [.. new[] { ("招商一处", "Assigned"), ("招商一处", "Pending"), ("招商二处", "Assigned") }
                .Where(x => r.UnitId is null || (r.UnitId == unitA) == (x.Item1 == "招商一处"))
                .Select(x => new UnacknowledgedItem(Handover, x.Item1, "promise", Guid.NewGuid(), "承诺", "钱多多", "孙承", x.Item2, DateTimeOffset.UnixEpoch))]));
        var cut = Render<HandoversPage>();

        cut.FindAll("[data-testid=handover-unit-row]").Count.ShouldBe(2);
        cut.FindAll("[data-testid=handover-row]").Count.ShouldBe(3);

        cut.Find($"[data-testid=handover-unit-{unitB}]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=handover-row]").Count.ShouldBe(1));
        Answers.Sent.Select(s => s.Request).OfType<ListUnacknowledgedHandovers>().Last().UnitId.ShouldBe(unitB);
        cut.Find("[data-testid=handover-all-units]").Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=handover-row]").Count.ShouldBe(3));
    }

    [Fact]
    public void With_nothing_unacknowledged_the_page_says_so()
    {
        using var _ = In(Text.Chinese);
        Answers.On<ListUnacknowledgedHandovers, UnacknowledgedHandovers>(_ => new([], []));
        Render<HandoversPage>().Markup.ShouldContain("没有待签收的交接事项");
    }
}
