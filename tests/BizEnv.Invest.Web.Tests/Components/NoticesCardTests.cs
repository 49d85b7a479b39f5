using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Application.Notifications.ListMyNotifications;
using BizEnv.Invest.Application.Notifications.MarkNotificationsRead;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Web.Components.Shared;
using Bunit;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>The home page's notices: hidden until there is one, unread ones stand out, "mark all read" clears them.</summary>
public sealed class NoticesCardTests : AppPageComponentTest
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    private static readonly NotificationDto[] Two =
    [
        new(Guid.NewGuid(), "承诺“厂房代建”将于 3 月 9 日到期。", "/commitments/7", At, Read: false),
        new(Guid.NewGuid(), "周报已退回。", null, At.AddDays(-1), Read: true),
    ];

    [Fact]
    public void Nothing_shows_until_there_is_a_notice()
    {
        Answers.On<ListMyNotifications, MyNotifications>(_ => new(0, []));
        Render<NoticesCard>().Markup.Trim().ShouldBeEmpty();
        // Read as the signed-in user, ten at most.
        var (request, actor, _) = Answers.Sent.ShouldHaveSingleItem();
        request.ShouldBe(new ListMyNotifications(10));
        actor.UserId.ShouldBe(UserId);
    }

    [Theory]
    [InlineData(Text.Chinese, "提醒", "1 条未读", "全部标为已读")]
    [InlineData(Text.English, "Notices", "1 unread", "Mark all read")]
    public void Unread_notices_are_counted_and_stand_out(string culture, string title, string unread, string markRead)
    {
        using var _ = In(culture);
        Answers.On<ListMyNotifications, MyNotifications>(_ => new(1, Two));
        var cut = Render<NoticesCard>();

        cut.Find("#notices-title").TextContent.ShouldContain(title);
        cut.Find("[data-testid=notices-unread]").TextContent.ShouldBe(unread);
        cut.Find("[data-testid=notices-mark-read]").TextContent.ShouldBe(markRead);
        var items = cut.FindAll("[data-testid=notice]");
        items.Select(i => i.ClassList.Contains("fw-semibold")).ShouldBe([true, false]);
        items[0].QuerySelector("a[href='/commitments/7']")!.TextContent.ShouldBe(Two[0].Text);
        items[1].QuerySelector("a").ShouldBeNull();
        items[0].QuerySelector("time")!.TextContent.ShouldBe("2026-03-02 09:00"); // Beijing time
    }

    [Fact]
    public void Mark_all_read_sends_the_command_once_with_a_key_and_reloads()
    {
        var read = false;
        Answers
            .On<ListMyNotifications, MyNotifications>(_ => read ? new(0, Two.Select(n => n with { Read = true }).ToList()) : new(1, Two))
            .On<MarkNotificationsRead, Done>(_ => { read = true; return Done.Value; });
        var cut = Render<NoticesCard>();

        cut.Find("[data-testid=notices-mark-read]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=notices-unread]").ShouldBeEmpty());
        cut.FindAll("[data-testid=notices-mark-read]").ShouldBeEmpty();
        cut.FindAll("[data-testid=notice]").ShouldAllBe(i => i.ClassList.Contains("text-secondary"));
        var command = Answers.Sent.Where(s => s.Request is MarkNotificationsRead).ShouldHaveSingleItem();
        command.IdempotencyKey.ShouldNotBeNullOrEmpty(); // a command: a retry after an unknown outcome cannot mark twice
        command.Actor.UserId.ShouldBe(UserId);
        Answers.Sent.Count(s => s.Request is ListMyNotifications).ShouldBe(2);
    }

    [Fact]
    public void A_refused_mark_read_says_why_and_keeps_the_notices()
    {
        using var _ = In(Text.Chinese);
        Answers
            .On<ListMyNotifications, MyNotifications>(_ => new(1, Two))
            .On<MarkNotificationsRead, Done>(_ => throw new ConcurrencyConflictException("notification", Two[0].Id));
        var cut = Render<NoticesCard>();

        cut.Find("[data-testid=notices-mark-read]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=alert-error]").TextContent.ShouldBe(Text.Get("error.conflict")));
        cut.FindAll("[data-testid=notice]").Count.ShouldBe(2);
    }
}
