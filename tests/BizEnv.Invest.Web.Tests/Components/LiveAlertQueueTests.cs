using BizEnv.Invest.Application.Commitments;
using BizEnv.Invest.Application.Commitments.ListBreachAlerts;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Web.Components.Pages.Commitments;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>
/// The live breach-alert queue as the integrity office sees it: the home card and the navigation count re-read the queue
/// when an alert is raised anywhere in the cluster (LiveAlerts, raised here from another thread as the cluster's hub does),
/// after the tab's own triage (AlertQueueSignal) and on navigation, and stop listening once gone. The cluster delivery
/// itself stays with the two-node Chromium journey.
/// </summary>
public sealed class LiveAlertQueueTests : AppPageComponentTest
{
    private readonly LiveAlerts _alerts = new();
    private readonly AlertQueueSignal _signal = new();
    private List<BreachAlertDto> _waiting = [];

    public LiveAlertQueueTests()
    {
        Services.AddSingleton(_alerts);
        Services.AddSingleton(_signal);
        Answers.On<ListBreachAlerts, IReadOnlyList<BreachAlertDto>>(_ => _waiting.ToList());
    }

    private static BreachAlertDto Alert(int n) => new(Guid.NewGuid(), Guid.Parse($"00000000-0000-0000-0000-{n:000000000000}"), $"XM-2026-{n:000}",
        "项目", "投资方", "开发区", "Lapsed", "Land", $"承诺条款 {n}", null, "管委会", new DateOnly(2026, 6, n), new DateOnly(2025, 1, 1),
        DateTimeOffset.UnixEpoch, "New", null, null, null, 1);

    private int Reads => Answers.Sent.Count(s => s.Request is ListBreachAlerts);

    /// <summary>Raised off the renderer's thread, as the cluster's alert hub does.</summary>
    private Task Raise() => Task.Run(() => _alerts.Publish(Guid.NewGuid()));

    [Fact]
    public async Task The_home_card_shows_a_new_alert_as_soon_as_it_is_raised()
    {
        using var _ = In(Text.Chinese);
        var cut = Render<AlertQueueSummary>();
        cut.Find("[data-testid=home-new-count]").TextContent.ShouldBe("0");
        cut.Markup.ShouldContain("没有待研判的预警。");

        _waiting = [Alert(1)];
        await Raise();

        cut.WaitForAssertion(() => cut.Find("[data-testid=home-new-count]").TextContent.ShouldBe("1"));
        var item = cut.Find("[data-testid=home-alerts] li");
        item.QuerySelector("code")!.TextContent.ShouldBe("XM-2026-001");
        item.QuerySelector("a")!.GetAttribute("href").ShouldBe("/commitments/00000000-0000-0000-0000-000000000001");
        item.QuerySelector(".text-danger")!.TextContent.ShouldBe("期限 2026-06-01");
        cut.Find("[data-testid=home-new-count]").ClassList.ShouldContain("text-danger");
    }

    [Fact]
    public void The_home_card_lists_the_newest_five_but_counts_them_all()
    {
        _waiting = [.. Enumerable.Range(1, 7).Select(Alert)];
        var cut = Render<AlertQueueSummary>();
        cut.Find("[data-testid=home-new-count]").TextContent.ShouldBe("7");
        cut.FindAll("[data-testid=home-alerts] li").Count.ShouldBe(5);
    }

    [Fact]
    public async Task A_closed_card_stops_listening()
    {
        Render<AlertQueueSummary>();
        Reads.ShouldBe(1);
        await DisposeComponentsAsync();

        await Raise();
        await Task.Delay(100); // a refresh, were one wrongly queued, would run on the renderer within this time
        Reads.ShouldBe(1);
    }

    [Theory]
    [InlineData(Text.Chinese, "3条待研判预警")]
    [InlineData(Text.English, "3 alerts to triage")]
    public async Task The_navigation_count_appears_with_the_first_alert_and_is_read_out(string culture, string read)
    {
        using var _ = In(culture);
        var cut = Render<NavAlertCount>();
        cut.FindAll("[data-testid=nav-alert-count]").ShouldBeEmpty();

        _waiting = [Alert(1), Alert(2), Alert(3)];
        await Raise();

        cut.WaitForAssertion(() => cut.Find("[data-testid=nav-alert-count]").TextContent.ShouldBe(read));
        cut.Find("[data-testid=nav-alert-count] .visually-hidden").ShouldNotBeNull();
    }

    [Fact]
    public void The_navigation_count_follows_this_tabs_triage_and_every_navigation()
    {
        _waiting = [Alert(1), Alert(2)];
        var cut = Render<NavAlertCount>();
        cut.Find("[data-testid=nav-alert-count]").TextContent.ShouldStartWith("2");

        _waiting = [Alert(1)];
        _signal.Notify(); // what the integrity page does after a triage, on this circuit
        cut.WaitForAssertion(() => cut.Find("[data-testid=nav-alert-count]").TextContent.ShouldStartWith("1"));

        _waiting = [];
        Services.GetRequiredService<BunitNavigationManager>().NavigateTo("/integrity");
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=nav-alert-count]").ShouldBeEmpty());
        Reads.ShouldBe(3);
    }

    [Fact]
    public async Task A_failed_live_read_keeps_the_last_count_and_the_next_alert_tries_again()
    {
        _waiting = [Alert(1)];
        var cut = Render<NavAlertCount>();
        Answers.On<ListBreachAlerts, IReadOnlyList<BreachAlertDto>>(_ => throw new TimeoutException("database slow"));

        await Raise();
        cut.WaitForAssertion(() => Reads.ShouldBe(2));
        cut.Find("[data-testid=nav-alert-count]").TextContent.ShouldStartWith("1");

        _waiting = [Alert(1), Alert(2)];
        Answers.On<ListBreachAlerts, IReadOnlyList<BreachAlertDto>>(_ => _waiting.ToList());
        await Raise();
        cut.WaitForAssertion(() => cut.Find("[data-testid=nav-alert-count]").TextContent.ShouldStartWith("2"));
    }
}
