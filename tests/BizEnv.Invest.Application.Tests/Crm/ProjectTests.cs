using Microsoft.Extensions.DependencyInjection;
using BizEnv.Invest.Application.Crm.Concierge.AssignConcierge;
using BizEnv.Invest.Application.Crm.Concierge.GetConciergeHistory;
using BizEnv.Invest.Application.Crm.Home.GetOfficerHome;
using BizEnv.Invest.Application.Crm.Projects.ChangeProjectStage;
using BizEnv.Invest.Application.Crm.Projects.GetProject;
using BizEnv.Invest.Application.Crm.Projects.ListProjects;
using BizEnv.Invest.Application.Crm.Projects.RecordInvestment;
using BizEnv.Invest.Application.Crm.Projects.UpdateProject;
using BizEnv.Invest.Application.Crm.Trips.RecordTrip;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;
using FluentValidation;

namespace BizEnv.Invest.Application.Tests.Crm;

public sealed class ProjectTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Concurrent_creations_get_unique_consecutive_unified_numbers()
    {
        var officer = await app.As("officer");
        var investor = await app.NewInvestor(officer);
        var created = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => app.NewProject(officer, investor.Id)));

        var numbers = created.Select(p => p.Number).ToList();
        numbers.Distinct().Count().ShouldBe(20);
        numbers.ShouldAllBe(n => UnifiedNumber.IsWellFormed(n) && n.StartsWith("HC-2026-"));
        var sequences = numbers.Select(n => int.Parse(n[^4..])).Order().ToList();
        (sequences[^1] - sequences[0]).ShouldBe(19); // no gaps within this burst
    }

    [Fact]
    public async Task Concurrent_edits_of_one_project_let_one_win_and_give_the_other_a_conflict()
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        UpdateProject Edit(string name) => new(project.Id, name, project.PlannedInvestment, null, null, KeyProjectLevel.None, null, null, null, project.Version);

        var results = await Task.WhenAll(
            Capture(() => app.Send(Edit("甲方案"), officer)),
            Capture(() => app.Send(Edit("乙方案"), officer)));
        results.Count(r => r is null).ShouldBe(1);
        results.Count(r => r is ConcurrencyConflictException).ShouldBe(1);
    }

    private static async Task<Exception?> Capture(Func<Task> action)
    {
        try { await action(); return null; }
        catch (Exception ex) { return ex; }
    }

    [Fact]
    public async Task Stages_move_one_step_at_a_time_and_are_kept_in_the_history()
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);

        var skip = await Should.ThrowAsync<DomainException>(() =>
            app.Send(new ChangeProjectStage(project.Id, ProjectStage.Signed, new DateOnly(2026, 11, 5), null, null, project.Version), officer));
        skip.Code.ShouldBe("project.stage_out_of_order");

        var step1 = await app.Send(new ChangeProjectStage(project.Id, ProjectStage.Negotiating, new DateOnly(2026, 11, 5), "首次洽谈", null, project.Version), officer);
        var step2 = await app.Send(new ChangeProjectStage(project.Id, ProjectStage.Signed, new DateOnly(2026, 11, 10), "签订投资协议", null, step1.Project.Version), officer);
        step2.Project.Stage.ShouldBe(ProjectStage.Signed);

        var detail = await app.Send(new GetProject(project.Id), officer);
        detail.Stages.Select(s => (s.From, s.To)).ShouldBe([(ProjectStage.Lead, ProjectStage.Negotiating), (ProjectStage.Negotiating, ProjectStage.Signed)]);
        detail.NextStage.ShouldBe(ProjectStage.Registered);
        (await app.Scalar<string>("SELECT outcome FROM audit_log WHERE action = 'ChangeProjectStage' AND outcome LIKE 'refused%' LIMIT 1"))
            .ShouldBe("refused:project.stage_out_of_order");
    }

    [Fact]
    public async Task Investment_in_place_adds_up_against_the_plan_and_future_dates_are_refused()
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        await app.Send(new RecordInvestment(project.Id, new DateOnly(2026, 11, 1), 50_000_000m, "首期"), officer);
        var after = await app.Send(new RecordInvestment(project.Id, new DateOnly(2026, 11, 15), 25_000_000.50m, null), officer);
        after.InvestmentInPlace.ShouldBe(75_000_000.50m);
        var ex = await Should.ThrowAsync<ValidationException>(() => app.Send(new RecordInvestment(project.Id, new DateOnly(2027, 1, 1), 1m, null), officer));
        ex.Errors.Single().ErrorCode.ShouldBe("project.investment_in_future");
    }

    [Fact]
    public async Task Another_units_project_is_not_found_for_an_officer_but_readable_by_a_leader()
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        var other = await app.As("officer2");
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new GetProject(project.Id), other));
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new ChangeProjectStage(project.Id, ProjectStage.Negotiating, new DateOnly(2026, 11, 5), null, null, project.Version), other));
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new RecordInvestment(project.Id, new DateOnly(2026, 11, 5), 1m, null), other));
        (await app.Send(new ListProjects(Search: project.Number), other)).Total.ShouldBe(0);

        var leader = await app.As("leader");
        (await app.Send(new GetProject(project.Id), leader)).CanEdit.ShouldBeFalse();
        await Should.ThrowAsync<ForbiddenException>(() => app.Send(new RecordInvestment(project.Id, new DateOnly(2026, 11, 5), 1m, null), leader));
    }

    [Fact]
    public async Task A_key_project_gets_an_A_and_a_B_and_a_handover_needs_a_reason()
    {
        var officer = await app.As("officer");
        var officer2 = await app.As("officer2");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id, KeyProjectLevel.Municipal);
        (await app.Send(new ListProjects(LackingConcierge: true), officer)).Items.ShouldContain(p => p.Id == project.Id);

        (await Should.ThrowAsync<DomainException>(() => app.Send(new AssignConcierge(project.Id, officer.UserId!.Value, null, null), officer)))
            .Code.ShouldBe("concierge.key_project_needs_both");
        await Should.ThrowAsync<ValidationException>(() => app.Send(new AssignConcierge(project.Id, officer.UserId!.Value, officer.UserId, null), officer));

        var assigned = await app.Send(new AssignConcierge(project.Id, officer.UserId!.Value, officer2.UserId, null), officer);
        assigned.ConciergeA.ShouldBe("李志强");
        assigned.ConciergeB.ShouldBe("赵晓燕");
        (await app.Send(new ListProjects(LackingConcierge: true), officer)).Items.ShouldNotContain(p => p.Id == project.Id);

        (await Should.ThrowAsync<ValidationException>(() => app.Send(new AssignConcierge(project.Id, officer2.UserId!.Value, officer.UserId, null), officer)))
            .Errors.Single().ErrorCode.ShouldBe("concierge.handover_reason_required");
        await app.Send(new AssignConcierge(project.Id, officer2.UserId!.Value, officer.UserId, "李志强借调省厅"), officer);
        var history = await app.Send(new GetConciergeHistory(project.Id), officer);
        history.Count.ShouldBe(2);
        history[0].AName.ShouldBe("赵晓燕");
        history[1].HandoverReason.ShouldBe("李志强借调省厅");

        var home = await app.Send(new GetOfficerHome(), officer2);
        home.ConciergeCases.ShouldContain(c => c.ProjectId == project.Id && c.Role == "A");
        // The concierge from another unit opens the project they serve, read-only.
        (await app.Send(new GetProject(project.Id), officer2)).CanEdit.ShouldBeFalse();
    }

    [Fact]
    public async Task A_trip_report_is_due_ten_working_days_after_return_and_shows_as_overdue_on_the_desk()
    {
        var officer = await app.As("officer");
        var trip = await app.Send(new RecordTrip("深圳", new DateOnly(2025, 9, 22), new DateOnly(2025, 9, 26), "周海涛", "新能源汽车", "比亚迪、欣旺达"), officer);
        trip.ReportDue.ShouldBe(new DateOnly(2025, 10, 16)); // over National Day 2025, counting the worked Sat 11 Oct
        var home = await app.Send(new GetOfficerHome(), officer);
        home.OpenItems.ShouldContain(i => i.Kind == "trip" && i.Id == trip.Id && i.IsOverdue(home.Today));
    }

    [Fact]
    public async Task A_trip_report_whose_date_needs_a_year_not_loaded_has_its_date_to_follow_and_gets_it_when_the_year_is_added()
    {
        var officer = await app.As("officer");
        var admin = await app.As("admin");
        var lastYear = await app.Scalar<int>("SELECT max(year) FROM calendar_years");
        // Back on 24 December of the last loaded year: ten working days later is in the next year, not loaded yet.
        var back = new DateOnly(lastYear, 12, 24);
        var trip = await app.Send(new RecordTrip("合肥", back.AddDays(-2), back, "周海涛", null, "国轩高科"), officer);
        trip.ReportDue.ShouldBeNull();
        (await app.Send(new GetOfficerHome(), officer)).OpenItems.ShouldContain(i => i.Id == trip.Id && i.DueDate == null && !i.IsOverdue(new DateOnly(lastYear + 5, 1, 1)));

        await app.Send(new Application.Calendar.AddCalendarYear.AddCalendarYear(lastYear + 1, "国务院办公厅关于节假日安排的通知"), admin);
        var due = await app.Scalar<DateOnly>("SELECT report_due FROM trips WHERE id = @Id", trip);
        var calendar = await app.Services.GetRequiredService<Application.Calendar.WorkingCalendarSource>().GetAsync();
        due.ShouldBe(calendar.AddWorkingDays(back, 10));
        due.Year.ShouldBe(lastYear + 1);

        // A holiday set later moves it, as it would have if it had been known.
        await app.Send(new Application.Calendar.SetCalendarDay.SetCalendarDay(due, Domain.Calendar.CalendarDayKind.Holiday, "元旦"), admin);
        (await app.Scalar<DateOnly>("SELECT report_due FROM trips WHERE id = @Id", trip)).ShouldBe(due.AddDays(due.DayOfWeek == DayOfWeek.Friday ? 3 : 1));
    }
}
