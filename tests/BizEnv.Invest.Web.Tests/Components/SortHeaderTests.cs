using BizEnv.Invest.Web.Components.Shared;
using Bunit;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>
/// A sortable column: a first click sorts by it ascending, a click on the sorted column flips the direction, and the
/// header tells assistive technology which way it is sorted (aria-sort).
/// </summary>
public sealed class SortHeaderTests : ComponentTest
{
    private readonly List<(string Column, bool Descending)> _asked = [];

    private IRenderedComponent<SortHeader> Header(string? sort, bool descending) => Render<SortHeader>(p => p
        .Add(x => x.Column, "name")
        .Add(x => x.Text, "名称")
        .Add(x => x.Sort, sort)
        .Add(x => x.Descending, descending)
        .Add(x => x.OnSort, ((string Column, bool Descending) s) => _asked.Add(s)));

    [Fact]
    public void An_unsorted_column_says_none_and_a_click_sorts_it_ascending()
    {
        var cut = Header(sort: "created", descending: true);
        cut.Find("th").GetAttribute("aria-sort").ShouldBe("none");
        cut.FindAll("i").ShouldBeEmpty();
        cut.Find("button").TextContent.Trim().ShouldBe("名称");

        cut.Find("button").Click();
        _asked.ShouldBe([("name", false)]);
    }

    [Fact]
    public void The_sorted_column_shows_its_direction_and_a_click_flips_it()
    {
        var cut = Header(sort: "name", descending: false);
        cut.Find("th").GetAttribute("aria-sort").ShouldBe("ascending");
        cut.Find("i").ClassList.ShouldContain("bi-caret-up-fill");
        cut.Find("button").Click();

        // The page answers the click by re-rendering with the new order; the header follows it.
        cut.Render(p => p.Add(x => x.Descending, true));
        cut.Find("th").GetAttribute("aria-sort").ShouldBe("descending");
        cut.Find("i").ClassList.ShouldContain("bi-caret-down-fill");
        cut.Find("button").Click();

        _asked.ShouldBe([("name", true), ("name", false)]);
    }

    [Fact]
    public void The_header_is_a_column_header_with_a_real_button() =>
        // A <button type="button"> so keyboard users can sort and it never submits a surrounding form.
        Header(null, false).Find("th[scope=col] > button[type=button]").ShouldNotBeNull();
}
