using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Web.Components.Shared;
using Bunit;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>Every list pages through this one control: it must ask for the right page and refuse to go past either end.</summary>
public sealed class PagerTests : ComponentTest
{
    private readonly List<int> _asked = [];

    private IRenderedComponent<Pager> Pager(long total, int page, int pages) => Render<Pager>(p => p
        .Add(x => x.Total, total)
        .Add(x => x.PageNumber, page)
        .Add(x => x.PageCount, pages)
        .Add(x => x.OnPage, (int n) => _asked.Add(n)));

    [Fact]
    public void Next_and_previous_ask_for_the_neighbouring_pages()
    {
        using var _ = In(Text.Chinese);
        var cut = Pager(total: 120, page: 3, pages: 6);

        cut.Find("nav").GetAttribute("aria-label").ShouldBe("分页");
        cut.Find("span.small").TextContent.ShouldBe("共 120 条，第 3/6 页");
        var buttons = cut.FindAll("button.page-link");
        buttons.Select(b => b.TextContent).ShouldBe(["上一页", "下一页"]);
        buttons[1].Click();
        cut.FindAll("button.page-link")[0].Click();
        _asked.ShouldBe([4, 2]);
    }

    [Fact]
    public void On_the_first_page_previous_is_disabled_and_on_the_last_next_is()
    {
        var first = Pager(total: 40, page: 1, pages: 2);
        first.FindAll("button.page-link").Select(b => b.HasAttribute("disabled")).ShouldBe([true, false]);
        first.FindAll("li.page-item").Select(li => li.ClassList.Contains("disabled")).ShouldBe([true, false]);

        var last = Pager(total: 40, page: 2, pages: 2);
        last.FindAll("button.page-link").Select(b => b.HasAttribute("disabled")).ShouldBe([false, true]);
        last.FindAll("li.page-item").Select(li => li.ClassList.Contains("disabled")).ShouldBe([false, true]);
    }

    [Fact]
    public void One_page_shows_only_the_count_in_the_readers_language()
    {
        using (In(Text.Chinese))
            Pager(total: 7, page: 1, pages: 1).MarkupMatches("<span class=\"small text-secondary\">共 7 条</span>");
        using (In(Text.English))
            Pager(total: 0, page: 1, pages: 0).MarkupMatches("<span class=\"small text-secondary\">0 rows</span>");
        _asked.ShouldBeEmpty();
    }

    [Fact]
    public void English_readers_get_english_words()
    {
        using var _ = In(Text.English);
        var cut = Pager(total: 120, page: 3, pages: 6);
        cut.Find("nav").GetAttribute("aria-label").ShouldBe("Pages");
        cut.Find("span.small").TextContent.ShouldBe("120 rows, page 3 of 6");
        cut.FindAll("button.page-link").Select(b => b.TextContent).ShouldBe(["Previous", "Next"]);
    }
}
