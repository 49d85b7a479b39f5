using BizEnv.Invest.Application.Notifications.ListMyNotifications;
using BizEnv.Invest.Application.Calendar.AddCalendarYear;
using BizEnv.Invest.Application.Commitments;
using BizEnv.Invest.Application.Commitments.GetCommitment;
using BizEnv.Invest.Application.Commitments.Promises;
using BizEnv.Invest.Application.Commitments.RecordCommitment;
using BizEnv.Invest.Application.Commitments.SetAuthorityLimit;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Identity;

namespace BizEnv.Invest.Application.Tests.Commitments;

/// <summary>
/// A warning whose working days run into a year the calendar has not loaded is not guessed and not
/// dropped: it is computed once an admin adds that year (every running promise is re-armed then).
/// </summary>
public sealed class CalendarYearWarningTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_warning_that_needed_a_year_not_loaded_yet_is_sent_once_the_admin_adds_the_year()
    {
        var officer = await app.As("officer");
        var admin = await app.As("admin");
        await app.Send(new SetAuthorityLimit(officer.UnitId!.Value, Role.PromotionOfficer, CommitmentKind.ApprovalSpeed, null, false), admin);
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        // Due 2027-02-10: every warning counts working days in 2027, which the calendar does not hold yet.
        var promise = await app.Send(new RecordCommitment(project.Id, CommitmentKind.ApprovalSpeed, "竣工联合验收 5 个工作日内办结", null, null, null, null,
            new DateOnly(2026, 11, 2), new DateOnly(2027, 2, 10), "海川市优化营商环境条例", "海政发〔2024〕1号", null), officer);
        var grain = app.Grains.GetGrain<IPromiseGrain>(promise.Id);

        // 5 January 2027: the 30-working-day warning (30 December 2026) has come — but cannot be computed yet.
        app.Clock.Advance(new DateTimeOffset(2027, 1, 5, 2, 0, 0, TimeSpan.Zero) - app.Clock.GetUtcNow());
        await grain.CheckDeadlines();
        (await app.Scalar<long>("SELECT count(*) FROM commitment_warnings WHERE commitment_id = @Id", promise)).ShouldBe(0);
        // The promise's page says so: each warning's date is to follow.
        (await app.Send(new GetCommitment(promise.Id), officer)).Warnings.ShouldBe([new WarningDto(30, null, false), new WarningDto(7, null, false),
            new WarningDto(1, null, false)]);

        await app.Send(new AddCalendarYear(2027, "国务院办公厅关于2027年部分节假日安排的通知"), admin);
        // Every running promise is queued to be re-armed, once every node's calendar cache has the year.
        (await app.Scalar<bool>("SELECT not_before > now() FROM deadline_rearm WHERE commitment_id = @Id", promise)).ShouldBeTrue();

        await grain.CheckDeadlines(); // what the re-arming reader has it do then
        (await app.Query<int>("SELECT days_before FROM commitment_warnings WHERE commitment_id = @Id", promise)).ShouldBe([30]);
        (await app.Send(new ListMyNotifications(), officer)).Items.ShouldContain(n => n.Text.Contains("还剩 30 个工作日") && n.Text.Contains("2027-02-10"));
        // Mon–Fri in 2027 (no holidays entered yet): 30, 7 and 1 working days before Wednesday 10 February.
        (await app.Send(new GetCommitment(promise.Id), officer)).Warnings.ShouldBe([new WarningDto(30, new DateOnly(2026, 12, 30), true),
            new WarningDto(7, new DateOnly(2027, 2, 1), false), new WarningDto(1, new DateOnly(2027, 2, 9), false)]);
    }
}
