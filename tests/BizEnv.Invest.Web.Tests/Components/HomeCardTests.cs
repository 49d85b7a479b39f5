using BizEnv.Invest.Application.Calendar.AddWorkingDays;
using BizEnv.Invest.Application.Home.GetClusterMembers;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Testing;
using BizEnv.Invest.Web.Components.Shared;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>
/// The home page's cards that ask the application for their figures. The calendar and the membership table are tested
/// against real PostgreSQL elsewhere; here the answers are canned and only what the card makes of them is checked.
/// </summary>
public sealed class HomeCardTests : AppPageComponentTest
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero); // Friday 10:00 in Beijing

    public HomeCardTests() => Services.AddSingleton<TimeProvider>(new FakeClock(At));

    [Theory]
    [InlineData(Text.Chinese, "今天是 2026-11-20（星期五）", "工作日", "10 个工作日后：")]
    [InlineData(Text.English, "Today is 2026-11-20 (Friday)", "working day", "10 working days later:")]
    public void The_working_day_card_counts_ahead_in_working_days_from_beijing_today(string culture, string today, string working, string tenAhead)
    {
        using var _ = In(culture);
        Answers.On<AddWorkingDays, DateOnly>(r => r.From.AddDays(r.Days == 1 ? 1 : r.Days + 4));
        var cut = Render<WorkingDayCard>();

        cut.Find("p.mb-2").TextContent.ShouldContain(today);
        cut.Find("p.mb-2 .badge").TextContent.ShouldBe(working);
        var items = cut.FindAll("li");
        items.Count.ShouldBe(3);
        items[1].TextContent.ShouldContain(tenAhead);
        items[1].QuerySelector("strong")!.TextContent.ShouldBe("2026-12-04");
        // Today is asked about in Beijing time: the clock is 02:00 UTC, already Friday in Beijing.
        Answers.Sent.Select(s => (AddWorkingDays)s.Request).ShouldContain(new AddWorkingDays(new DateOnly(2026, 11, 19), 1));
    }

    [Fact]
    public void A_day_off_says_so()
    {
        using var _ = In(Text.Chinese);
        // The first working day after yesterday is not today: today is a day off.
        Answers.On<AddWorkingDays, DateOnly>(r => r.From.AddDays(r.Days + 3));
        Render<WorkingDayCard>().Find("p.mb-2 .badge").TextContent.ShouldBe("休息日");
    }

    [Fact]
    public void The_cluster_card_lists_each_silo_with_its_status()
    {
        using var _ = In(Text.Chinese);
        Answers.On<GetClusterMembers, IReadOnlyList<ClusterMemberDto>>(_ =>
        [
            new("10.0.0.5", 11111, 30000, "silo-a", "node-a", "Active", At, At.AddSeconds(30)),
            new("10.0.0.6", 11111, 30000, "silo-b", "node-b", "Dead", At, At),
        ]);
        var rows = Render<ClusterMembersCard>().FindAll("tbody tr");

        rows.Count.ShouldBe(2);
        rows[0].QuerySelector("code")!.TextContent.ShouldBe("10.0.0.5:11111");
        var active = rows[0].QuerySelector(".badge")!;
        active.TextContent.ShouldBe("运行中");
        active.ClassList.ShouldContain("text-bg-success");
        rows[1].QuerySelector(".badge")!.ClassList.ShouldContain("text-bg-secondary");
        rows[0].QuerySelectorAll("time")[1].TextContent.ShouldBe("2026-11-20 10:00:30");
    }

    [Fact]
    public void An_empty_cluster_and_a_failed_read_each_say_so_and_keep_the_dashboard_link()
    {
        using var _ = In(Text.English);
        Answers.On<GetClusterMembers, IReadOnlyList<ClusterMemberDto>>(_ => []);
        var empty = Render<ClusterMembersCard>();
        empty.FindAll("p.text-secondary.mb-2").Select(p => p.TextContent).ShouldContain("No silo has joined yet.");
        empty.FindAll("table").ShouldBeEmpty();
        empty.Find("a[href='/admin/orleans/']").GetAttribute("target").ShouldBe("_blank");

        Answers.On<GetClusterMembers, IReadOnlyList<ClusterMemberDto>>(_ => throw new InvalidOperationException("boom"));
        var failed = Render<ClusterMembersCard>();
        // An unforeseen failure: the card says so in words, never the exception's text.
        failed.Find("p.text-warning").TextContent.ShouldBe(Text.Get("error.unexpected"));
        failed.Markup.ShouldNotContain("boom");
        failed.FindAll("a[href='/admin/orleans/']").Count.ShouldBe(1);
    }
}
