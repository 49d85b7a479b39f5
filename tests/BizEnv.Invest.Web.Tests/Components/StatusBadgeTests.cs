using AngleSharp.Dom;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Zones;
using BizEnv.Invest.Web.Components.Pages.Chains;
using BizEnv.Invest.Web.Components.Pages.Commitments;
using BizEnv.Invest.Web.Components.Pages.Commitments.Integrity;
using BizEnv.Invest.Web.Components.Pages.Commitments.Remediation;
using BizEnv.Invest.Web.Components.Pages.Crm;
using BizEnv.Invest.Web.Components.Pages.Zones;
using Bunit;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>
/// The status badges: every value of every status has a word in both languages (an unknown key would show the raw key,
/// and a missing English word falls back to Chinese), the colour the lists use, and the data attribute tests filter on.
/// </summary>
public sealed class StatusBadgeTests : ComponentTest
{
    /// <summary>Renders one badge per value in each culture and checks its word and colour.</summary>
    private void EveryValue<T>(Func<T, IRenderedComponent<Microsoft.AspNetCore.Components.IComponent>> render, Func<T, string> color, string? dataAttribute)
        where T : struct, Enum
    {
        foreach (var culture in Text.Cultures)
        {
            using var _ = In(culture);
            foreach (var value in Enum.GetValues<T>())
            {
                var badge = render(value).Find("span.badge");
                var key = $"{typeof(T).Name.ToLowerInvariant()}.{value}";
                badge.TextContent.ShouldBe(Text.Get(key));
                ShouldBeAWord(badge, key, culture);
                badge.ClassList.ShouldContain($"text-bg-{color(value)}");
                if (dataAttribute is not null)
                    badge.GetAttribute(dataAttribute).ShouldBe(value.ToString());
            }
        }
    }

    private static void ShouldBeAWord(IElement badge, string key, string culture)
    {
        badge.TextContent.ShouldNotBe(key, $"no word for {key}");
        if (culture == Text.English)
            badge.TextContent.ShouldNotContain(c => c >= '\u4e00' && c <= '\u9fff', $"{key} falls back to Chinese for English readers");
    }

    [Fact]
    public void Commitment_status_badges() => EveryValue<CommitmentStatus>(
        s => Render<CommitmentStatusBadge>(p => p.Add(x => x.Status, s)), CommitmentFormat.StatusColor, "data-status");

    [Fact]
    public void A_lapsed_promise_is_red_and_a_kept_one_green()
    {
        Render<CommitmentStatusBadge>(p => p.Add(x => x.Status, CommitmentStatus.Lapsed)).Find("[data-testid=commitment-status]").ClassList.ShouldContain("text-bg-danger");
        Render<CommitmentStatusBadge>(p => p.Add(x => x.Status, CommitmentStatus.Fulfilled)).Find("[data-testid=commitment-status]").ClassList.ShouldContain("text-bg-success");
    }

    [Fact]
    public void Chain_node_status_badges() => EveryValue<ChainNodeStatus>(
        s => Render<NodeStatusBadge>(p => p.Add(x => x.Status, s)), ChainFormat.StatusColor, "data-node-status");

    [Fact]
    public void Chain_target_badges_show_label_and_status()
    {
        EveryValue<ChainTargetLabel>(l => Render<TargetBadges>(p => p.Add(x => x.Label, l)), ChainFormat.LabelColor, "data-label");
        foreach (var culture in Text.Cultures)
        {
            using var _ = In(culture);
            foreach (var status in Enum.GetValues<ChainTargetStatus>())
            {
                var badge = Render<TargetBadges>(p => p.Add(x => x.Status, status)).Find("[data-target-status]");
                badge.TextContent.ShouldBe(Text.Get($"chaintargetstatus.{status}"));
                ShouldBeAWord(badge, $"chaintargetstatus.{status}", culture);
                badge.ClassList.ShouldContain($"text-bg-{ChainFormat.TargetColor(status)}");
            }
        }
    }

    [Fact]
    public void Project_stage_badges() => EveryValue<ProjectStage>(
        s => Render<StageBadge>(p => p.Add(x => x.Stage, s)), CrmFormat.StageColor, "data-stage");

    [Fact]
    public void Key_level_badges_show_nothing_for_an_ordinary_project_unless_asked()
    {
        Render<KeyLevelBadge>(p => p.Add(x => x.Level, KeyProjectLevel.None)).Markup.Trim().ShouldBeEmpty();
        EveryValue<KeyProjectLevel>(l => Render<KeyLevelBadge>(p => p.Add(x => x.Level, l).Add(x => x.ShowNone, true)), CrmFormat.KeyLevelColor, null);
    }

    [Fact]
    public void Readiness_badges() => EveryValue<ReadinessStatus>(
        s => Render<ReadinessBadge>(p => p.Add(x => x.Status, s)), ZoneFormat.ReadinessColor, "data-status");

    [Fact]
    public void Case_status_badges_flag_an_overdue_result()
    {
        EveryValue<CaseStatus>(s => Render<CaseStatusBadge>(p => p.Add(x => x.Status, s)),
            s => s switch { CaseStatus.Investigating => "primary", CaseStatus.Rectifying => "warning", _ => "secondary" }, "data-status");
        Render<CaseStatusBadge>(p => p.Add(x => x.Status, CaseStatus.Investigating)).FindAll("[data-testid=case-overdue]").ShouldBeEmpty();
        using var _ = In(Text.Chinese);
        Render<CaseStatusBadge>(p => p.Add(x => x.Status, CaseStatus.Investigating).Add(x => x.Overdue, true))
            .Find("[data-testid=case-overdue]").TextContent.Trim().ShouldBe("逾期未报告结果");
    }

    // The string-valued badges (the status comes from SQL as text): each known value, in both languages.
    [Theory]
    [InlineData(Text.Chinese, "Open", "primary", false)]
    [InlineData(Text.Chinese, "SignedOff", "success", false)]
    [InlineData(Text.English, "Open", "primary", true)]
    [InlineData(Text.English, "SignedOff", "success", false)]
    public void Remediation_status_badges(string culture, string status, string color, bool overdue)
    {
        using var _ = In(culture);
        var cut = Render<RemediationStatusBadge>(p => p.Add(x => x.Status, status).Add(x => x.Overdue, overdue));
        var badge = cut.Find("[data-testid=remediation-status]");
        badge.TextContent.ShouldBe(Text.Get($"remediation.status.{status}"));
        ShouldBeAWord(badge, $"remediation.status.{status}", culture);
        badge.ClassList.ShouldContain($"text-bg-{color}");
        cut.FindAll("[data-testid=remediation-overdue]").Count.ShouldBe(overdue ? 1 : 0);
        if (overdue)
            cut.Find("[data-testid=remediation-overdue]").TextContent.Trim().ShouldBe("Overdue");
    }

    [Theory]
    [InlineData(Text.Chinese, "Draft", "草稿", "text-bg-secondary")]
    [InlineData(Text.Chinese, "Submitted", "已提交", "text-bg-success")]
    [InlineData(Text.English, "Submitted", "Submitted", "text-bg-success")]
    public void Weekly_report_status_badges(string culture, string status, string word, string color)
    {
        using var _ = In(culture);
        var badge = Render<WeeklyStatusBadge>(p => p.Add(x => x.Status, status)).Find("span.badge");
        badge.TextContent.ShouldBe(word);
        badge.ClassList.ShouldContain(color);
    }

    [Theory]
    [InlineData(Text.Chinese, "National", "国家级", "danger")]
    [InlineData(Text.Chinese, "Provincial", "省级", "primary")]
    [InlineData(Text.English, "Municipal", "Municipal", "secondary")]
    public void Park_level_badges(string culture, string level, string word, string color)
    {
        using var _ = In(culture);
        var badge = Render<ParkLevelBadge>(p => p.Add(x => x.Level, level)).Find("span.badge");
        badge.TextContent.ShouldBe(word);
        badge.ClassList.ShouldContain($"text-bg-{color}");
        badge.GetAttribute("data-level").ShouldBe(level);
    }
}
