using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Application.Units;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Web.Components.Shared;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>The small display components every page shares: what they show, and the hooks (data-testid, roles) tests and assistive technology rely on.</summary>
public sealed class DisplayComponentTests : ComponentTest
{
    [Fact]
    public void An_empty_state_shows_its_icon_title_and_body() =>
        Render<EmptyState>(p => p.Add(x => x.Icon, "people").Add(x => x.Title, "暂无投资人").Add(x => x.Body, "点击新建。"))
            .MarkupMatches("""
                <div class="empty-state text-center py-5 px-3 border rounded-3 bg-white" data-testid="empty-state">
                  <i class="bi bi-people display-5 text-secondary" aria-hidden="true"></i>
                  <h2 class="h5 mt-3">暂无投资人</h2>
                  <p class="text-secondary mb-0">点击新建。</p>
                </div>
                """);

    [Fact]
    public void A_figure_is_a_link_only_when_the_reader_may_open_its_detail()
    {
        var plain = Render<Figure>(p => p.Add(x => x.Value, 12345).Add(x => x.Label, "在谈项目").Add(x => x.TestId, "fig"));
        plain.FindAll("a").ShouldBeEmpty();
        plain.Find("[data-testid=fig]").ClassList.ShouldNotContain("border-warning");
        // Counts are grouped the same way in both languages (invariant), so a dashboard reads alike.
        plain.Find("[data-testid=figure-value]").TextContent.ShouldBe("12,345");
        plain.Find(".small").TextContent.ShouldBe("在谈项目");

        var link = Render<Figure>(p => p.Add(x => x.Value, 3).Add(x => x.Label, "逾期承诺").Add(x => x.Href, "/commitments?lapsed=1")
            .Add(x => x.Warn, true).Add(x => x.Icon, "alarm").Add(x => x.TestId, "fig"));
        var a = link.Find("a[data-testid=fig]");
        a.GetAttribute("href").ShouldBe("/commitments?lapsed=1");
        a.ClassList.ShouldContain("border-warning");
        link.Find("i").ClassList.ShouldContain("bi-alarm");
    }

    [Fact]
    public void A_figure_that_is_not_a_count_shows_its_display_text() =>
        Render<Figure>(p => p.Add(x => x.Value, 0).Add(x => x.Display, "87.5%").Add(x => x.Label, "兑现率"))
            .Find("[data-testid=figure-value]").TextContent.ShouldBe("87.5%");

    [Fact]
    public void Page_alerts_show_an_error_as_an_alert_and_a_success_as_a_status_with_its_next_step()
    {
        RenderFragment next = b => { b.OpenElement(0, "a"); b.AddAttribute(1, "href", "/cases/1"); b.AddContent(2, "打开案件"); b.CloseElement(); };
        var cut = Render<PageAlerts>(p => p.Add(x => x.Error, "保存失败。").Add(x => x.Success, "已保存。").Add(x => x.SuccessAction, next));

        var error = cut.Find("[data-testid=alert-error]");
        error.GetAttribute("role").ShouldBe("alert");
        error.TextContent.ShouldBe("保存失败。");
        var success = cut.Find("[data-testid=alert-success]");
        success.GetAttribute("role").ShouldBe("status");
        success.TextContent.Trim().ShouldStartWith("已保存。");
        success.QuerySelector("a[href='/cases/1']")!.TextContent.ShouldBe("打开案件");
    }

    [Fact]
    public void No_messages_no_alerts()
    {
        Render<PageAlerts>().Markup.Trim().ShouldBeEmpty();
        Render<PageAlerts>(p => p.Add(x => x.Error, "").Add(x => x.Success, "")).Markup.Trim().ShouldBeEmpty();
    }

    [Fact]
    public void An_instant_stored_in_utc_reads_in_beijing_time_and_keeps_the_exact_instant_for_machines()
    {
        var at = new DateTimeOffset(2026, 1, 31, 17, 30, 0, TimeSpan.Zero); // 01:30 the next day in Beijing
        Render<Instant>(p => p.Add(x => x.Value, at))
            .MarkupMatches("<time datetime=\"2026-01-31T17:30:00.0000000+00:00\">2026-02-01 01:30</time>");
        Render<Instant>(p => p.Add(x => x.Value, at).Add(x => x.Format, "yyyy-MM-dd")).Find("time").TextContent.ShouldBe("2026-02-01");
    }

    [Theory]
    [InlineData(Text.Chinese, "系统管理员", "领导")]
    [InlineData(Text.English, "Administrator", "Leader")]
    public void Role_badges_name_each_role_in_the_readers_language(string culture, string admin, string leader)
    {
        using var _ = In(culture);
        var badges = Render<RoleBadges>(p => p.Add(x => x.Roles, [Role.Admin, Role.Leader])).FindAll("span.badge");
        badges.Select(b => b.TextContent).ShouldBe([admin, leader]);
        badges.Select(b => b.ClassList.Contains("text-bg-dark")).ShouldBe([true, false]);
        badges[1].ClassList.ShouldContain("text-bg-warning");
    }

    [Fact]
    public void Every_role_has_a_badge_word_in_both_languages()
    {
        foreach (var culture in Text.Cultures)
        {
            using var _ = In(culture);
            var words = Render<RoleBadges>(p => p.Add(x => x.Roles, Enum.GetValues<Role>())).FindAll("span.badge").Select(b => b.TextContent).ToList();
            words.Count.ShouldBe(Enum.GetValues<Role>().Length);
            words.ShouldAllBe(w => !w.StartsWith("role.", StringComparison.Ordinal), $"a role without a word in {culture}");
        }
    }

    [Theory]
    [InlineData(Text.Chinese, "市投促局", "　开发区")]
    [InlineData(Text.English, "Investment Bureau", "　Development Zone")]
    public void Unit_options_are_indented_by_depth_in_the_readers_language(string culture, string top, string child)
    {
        using var _ = In(culture);
        UnitDto[] units =
        [
            new(Guid.Parse("00000000-0000-0000-0000-000000000001"), null, "01", "市投促局", "Investment Bureau", default, 0, 3, 1),
            new(Guid.Parse("00000000-0000-0000-0000-000000000002"), null, "0101", "开发区", "Development Zone", default, 1, 2, 1),
        ];
        var options = Render<UnitOptions>(p => p.Add(x => x.Units, units)).FindAll("option");
        options.Select(o => o.TextContent).ShouldBe([top, child]);
        options[1].GetAttribute("value").ShouldBe("00000000-0000-0000-0000-000000000002");
    }

    [Theory]
    [InlineData(Text.Chinese, "无权访问", "首页")]
    [InlineData(Text.English, "Access denied", "Home")]
    public void Forbidden_says_so_and_offers_the_way_home(string culture, string title, string home)
    {
        using var _ = In(culture);
        var cut = Render<Forbidden>();
        cut.Find("[role=alert] h1").TextContent.ShouldBe(title);
        var a = cut.Find("a[href='/']");
        a.TextContent.ShouldBe(home);
    }
}
