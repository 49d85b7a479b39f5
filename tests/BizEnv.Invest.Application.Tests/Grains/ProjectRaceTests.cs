using BizEnv.Invest.Application.Tests.Cluster;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm.Projects.AddProjectIssue;
using BizEnv.Invest.Application.Crm.Projects.RecordInvestment;
using BizEnv.Invest.Application.Crm.Projects.UpdateProject;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Application.Tests.Grains;

/// <summary>Two nodes changing one project at once: the project's one grain takes the changes one at a time, and none is lost.</summary>
public sealed class ProjectRaceTests(TwoMoreNodes app) : IClassFixture<TwoMoreNodes>
{
    private static readonly DateOnly Day = new(2026, 11, 2);

    [Fact]
    public async Task Two_nodes_racing_on_one_project_serialize_every_investment_and_issue_is_kept_and_each_raised_the_version_once()
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);

        var work = Enumerable.Range(0, 40).Select(i =>
        {
            var node = i % 2 == 0 ? app.A : app.B;
            return i % 4 < 2
                ? (Task)app.SendOn(node, new RecordInvestment(project.Id, Day, 1_000_000m + i, $"第{i}笔"), officer)
                : app.SendOn(node, new AddProjectIssue(project.Id, $"问题{i}", officer.UserId!.Value, Day.AddDays(i)), officer);
        });
        await Task.WhenAll(work);

        (await app.Scalar<long>("SELECT count(*) FROM project_investments WHERE project_id = @Id", project)).ShouldBe(20);
        (await app.Scalar<decimal>("SELECT sum(amount) FROM project_investments WHERE project_id = @Id", project))
            .ShouldBe(Enumerable.Range(0, 40).Where(i => i % 4 < 2).Sum(i => 1_000_000m + i));
        (await app.Scalar<long>("SELECT count(*) FROM project_issues WHERE project_id = @Id", project)).ShouldBe(20);
        (await app.Scalar<int>("SELECT version FROM projects WHERE id = @Id", project)).ShouldBe(project.Version + 40);
        (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE object_id = @Id AND outcome = 'success' AND action IN ('RecordInvestment', 'AddProjectIssue')",
            new { Id = project.Id.ToString() })).ShouldBe(40);
    }

    [Fact]
    public async Task Two_nodes_editing_from_the_same_version_let_one_win_and_tell_the_other_to_reload()
    {
        var officer = await app.As("officer");
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        UpdateProject Edit(string name) => new(project.Id, name, project.PlannedInvestment, null, null, KeyProjectLevel.None, null, null, null, project.Version);

        var outcomes = await Task.WhenAll(
            Outcome(() => app.SendOn(app.A, Edit("甲方案"), officer)),
            Outcome(() => app.SendOn(app.B, Edit("乙方案"), officer)));

        outcomes.Count(o => o == "saved").ShouldBe(1);
        outcomes.Count(o => o == "conflict").ShouldBe(1);
        var name = await app.Scalar<string>("SELECT name FROM projects WHERE id = @Id", project);
        name.ShouldBeOneOf("甲方案", "乙方案");
        (await app.Scalar<int>("SELECT version FROM projects WHERE id = @Id", project)).ShouldBe(project.Version + 1);
    }

    private static async Task<string> Outcome(Func<Task> send)
    {
        try
        {
            await send();
            return "saved";
        }
        catch (ConcurrencyConflictException)
        {
            return "conflict";
        }
    }
}
