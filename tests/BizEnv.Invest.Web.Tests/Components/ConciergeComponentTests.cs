using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm.Concierge.GetConciergeCaseload;
using BizEnv.Invest.Application.Crm.Concierge.GetConciergeHistory;
using BizEnv.Invest.Application.Crm.Projects;
using BizEnv.Invest.Application.Crm.Projects.ListProjects;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Web.Components.Pages.Crm;
using Bunit;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>The concierge page's gap list and a project's concierge history when an officer has left a pair (no A, or no B).</summary>
public sealed class ConciergeComponentTests : AppPageComponentTest
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    private static ProjectSummary Project(string number, string? a, string? b) => new(
        Guid.NewGuid(), number, Guid.NewGuid(), "招商一处", Guid.NewGuid(), "海川锂电有限公司", "锂电池生产基地", 5e8m, null, null, KeyProjectLevel.Municipal,
        ProjectStage.Negotiating, new DateOnly(2026, 11, 2), 0m, a, b, At, 3);

    [Theory]
    [InlineData(Text.Chinese, "缺 A 角", "缺 B 角")]
    [InlineData(Text.English, "No A", "No B")]
    public void The_gap_list_names_what_each_key_project_lacks(string culture, string noA, string noB)
    {
        using var _ = In(culture);
        Answers
            .On<GetConciergeCaseload, IReadOnlyList<CaseloadDto>>(_ => [new(Guid.NewGuid(), "赵晓燕", "招商二处", 2, 1)])
            .On<ListProjects, Page<ProjectSummary>>(_ => new([Project("HC-2026-0061", null, "赵晓燕"), Project("HC-2026-0062", "赵晓燕", null)], 2, 1, 50));
        var cut = Render<ConciergePage>();

        var rows = cut.Find("[data-testid=concierge-gaps]").QuerySelectorAll("tbody tr");
        rows.Length.ShouldBe(2);
        rows[0].TextContent.ShouldContain(noA);
        rows[0].TextContent.ShouldContain("赵晓燕");
        rows[1].TextContent.ShouldContain(noB);
        Answers.Sent.Select(s => s.Request).OfType<ListProjects>().ShouldHaveSingleItem().LackingConcierge.ShouldBeTrue();
    }

    [Fact]
    public void A_history_whose_A_left_shows_an_empty_A_and_the_reason_the_pair_ended()
    {
        using var _ = In(Text.Chinese);
        var summary = Project("HC-2026-0063", null, "赵晓燕");
        var detail = new ProjectDetail(summary, null, null, null, null, null, [], [], [], CanEdit: false, ProjectStage.Signed);
        Answers.On<GetConciergeHistory, IReadOnlyList<ConciergeAssignmentDto>>(_ =>
        [
            new(null, null, Guid.NewGuid(), "赵晓燕", At, null, null, "管理员"),
            new(Guid.NewGuid(), "钱佳琪", Guid.NewGuid(), "赵晓燕", At.AddDays(-30), At, "钱佳琪 的账号已停用，离开店小二岗位", "李志强"),
        ]);
        var cut = Render<ProjectConciergePanel>(p => p.Add(x => x.Detail, detail));

        var items = cut.FindAll("[data-testid=concierge-history] li");
        items.Count.ShouldBe(2);
        items[0].TextContent.ShouldContain("A：—");
        items[1].TextContent.ShouldContain("钱佳琪 的账号已停用");
    }
}
