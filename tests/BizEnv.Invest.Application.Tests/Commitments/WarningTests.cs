using BizEnv.Invest.Application.Notifications.ListMyNotifications;
using BizEnv.Invest.Application.Notifications.MarkNotificationsRead;
using BizEnv.Invest.Application.Commitments.RecordCommitment;
using BizEnv.Invest.Application.Commitments.SetAuthorityLimit;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Application.Commitments.Promises;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Application.Units.SetUnitHead;
using BizEnv.Invest.Domain.Commitments;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Application.Tests.Commitments;

public sealed class WarningTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task One_working_day_before_the_due_date_the_promiser_and_the_unit_head_are_warned_once()
    {
        var officer = await app.As("officer");
        var admin = await app.As("admin");
        // A head must be a member of the unit; the demo division has one member, so its head is moved in for this test.
        var head = await app.As("officer2");
        await app.Scalar<int>("WITH x AS (UPDATE users SET unit_id = @UnitId WHERE id = @UserId) SELECT 1", new { officer.UnitId, head.UserId });
        await app.Send(new SetUnitHead(officer.UnitId!.Value, head.UserId), admin);
        await app.Send(new SetAuthorityLimit(officer.UnitId!.Value, Role.PromotionOfficer, CommitmentKind.ApprovalSpeed, null, false), admin);
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        // Today is Friday 2026-11-20 (Beijing); Monday the 23rd is one working day ahead.
        var promise = await app.Send(new RecordCommitment(project.Id, CommitmentKind.ApprovalSpeed, "施工许可 5 个工作日内办结", null, null, null, null,
            new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 23), "海川市优化营商环境条例", "海政发〔2024〕1号", null), officer);
        promise.Status.ShouldBe(CommitmentStatus.Open);

        // Recording set the promise's reminder; its tick (and any repeat of it) warns once.
        var grain = app.Grains.GetGrain<IPromiseGrain>(promise.Id);
        await grain.CheckDeadlines();
        await grain.CheckDeadlines();
        (await app.Scalar<long>("SELECT count(*) FROM commitment_warnings WHERE commitment_id = @Id", promise)).ShouldBe(3); // 30, 7 and 1 all reached; only 1 announced
        var sent = await app.Query<(Guid UserId, string Title)>("SELECT user_id, title FROM notifications WHERE link = @link", new { link = $"/commitments/{promise.Id}" });
        sent.Select(n => n.UserId).ShouldBe([officer.UserId!.Value, head.UserId!.Value], ignoreOrder: true);
        // Recorded one working day before its due date: only "1 working day left", not the 30- and 7-day notices too.
        sent.ShouldAllBe(n => n.Title.StartsWith("{\"code\":\"notification.due_soon\"")); // worded when read, in the reader's language
        var mine = await app.Send(new ListMyNotifications(), officer);
        mine.Unread.ShouldBe(1);
        mine.Items.Single().Text.ShouldBe("承诺将于 2026-11-23 到期（还剩 1 个工作日）：施工许可 5 个工作日内办结");
        await app.Send(new MarkNotificationsRead(), head); // one reader marking theirs read leaves the others' unread
        (await app.Send(new ListMyNotifications(), officer)).Unread.ShouldBe(1);
        await Should.ThrowAsync<FluentValidation.ValidationException>(() => app.Send(
            new MarkNotificationsRead([.. Enumerable.Range(0, MarkNotificationsReadValidator.MaxIds + 1).Select(_ => Guid.NewGuid())]), officer));
        (await app.Send(new ListMyNotifications(), officer)).Unread.ShouldBe(1); // refused whole: nothing marked
        await app.Send(new MarkNotificationsRead([mine.Items.Single().Id]), officer);
        (await app.Send(new ListMyNotifications(), officer)).ShouldSatisfyAllConditions(n => n.Unread.ShouldBe(0), n => n.Items.Single().Read.ShouldBeTrue());

        var outsider = await app.As("leader");
        await Should.ThrowAsync<FluentValidation.ValidationException>(() => app.Send(new SetUnitHead(officer.UnitId!.Value, outsider.UserId), admin));
    }
}
