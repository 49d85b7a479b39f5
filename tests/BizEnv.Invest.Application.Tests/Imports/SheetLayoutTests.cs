using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Common.Sheets;

namespace BizEnv.Invest.Application.Tests.Imports;

public sealed class SheetLayoutTests
{
    private static readonly SheetColumns Columns = new(["名称", "金额（元）", "日期", "备注"], ["名称", "日期"], new Dictionary<string, string> { ["企业名称"] = "名称" });

    private static XlsxRow Row(int number, params string[] cells) => new(number, cells);

    [Fact]
    public void The_header_is_the_first_row_with_every_required_column_and_the_title_rows_above_are_passed_over()
    {
        var layout = SheetLayout.Find([Row(1, "2016 年台账"), Row(2, "填报单位：海川市", "", "日期：2017-01-01"), Row(4, "名称", "金额（元）", "日期"), Row(5, "甲", "1", "2016-01-01")], Columns);
        layout.HeaderRow.ShouldBe(4);
        layout.Cell(Row(5, "甲", "1", "2016-01-01"), "日期").ShouldBe("2016-01-01");
        layout.Ignored.ShouldBeEmpty();
    }

    [Fact]
    public void Without_a_title_the_header_is_row_1()
    {
        SheetLayout.Find([Row(1, "名称", "日期"), Row(2, "名称", "日期")], Columns).HeaderRow.ShouldBe(1);
    }

    [Fact]
    public void When_no_row_has_every_required_column_the_row_with_the_most_known_ones_is_the_header()
    {
        var layout = SheetLayout.Find([Row(1, "台账"), Row(2, "名称", "金额"), Row(3, "甲", "1")], Columns);
        layout.HeaderRow.ShouldBe(2);
        layout.Has("名称").ShouldBeTrue();
        layout.Has("日期").ShouldBeFalse();
    }

    [Fact]
    public void Only_the_first_ten_rows_are_searched()
    {
        var titles = Enumerable.Range(1, SheetLayout.RowsSearched).Select(n => Row(n, $"说明 {n}"));
        SheetLayout.Find([.. titles, Row(11, "名称", "日期")], Columns).Has("名称").ShouldBeFalse();
    }

    [Fact]
    public void Headers_are_matched_after_normalising_and_each_column_keeps_its_own_label_and_unit()
    {
        var layout = SheetLayout.Find([Row(1, " 企业 名称 ", "金　额（万元）", "日期")], Columns);
        layout.Has("名称").ShouldBeTrue();            // by its other name, with spaces
        layout.Label("名称").ShouldBe("企业 名称");     // the report names it as the sheet does
        layout.Unit("金额（元）").ShouldBe(AmountUnit.TenThousandYuan);
        layout.Label("备注").ShouldBe("备注");          // absent: the template's name
        layout.Cell(Row(2, "甲"), "备注").ShouldBe("");
    }

    [Fact]
    public void Every_column_not_imported_is_named_unknown_repeated_or_without_a_header()
    {
        var layout = SheetLayout.Find([Row(1, "名称", "联系人", "日期", "名 称", "")], Columns);
        layout.Ignored.ShouldBe([
            new ImportNote(1, "联系人", "未识别的列“联系人”，该列内容未导入。"),
            new ImportNote(1, "名 称", "“名 称”列重复，只读取 A 列，该列内容未导入。")]);
        layout.Cell(Row(2, "甲", "", "", "乙"), "名称").ShouldBe("甲"); // the first of a repeated column is the one read
        layout.Unnamed([Row(2, "甲", "", "", "", "", "多出来的"), Row(3, "乙", "", "", "", "")])
            .ShouldBe([new ImportNote(1, "F", "F 列有内容但没有表头，该列内容未导入。")]); // E is empty: nothing to lose
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void Columns_are_lettered_as_in_Excel(int index, string letters) => SheetLayout.ColumnLetters(index).ShouldBe(letters);
}
