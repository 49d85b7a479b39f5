using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm.Investors.ImportInvestors;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Testing;

namespace BizEnv.Invest.Application.Tests.Imports;

/// <summary>Investor sheets as officers make them (titles, untidy headers, extra columns), and the exact report each gets.</summary>
public sealed class InvestorSheetImportTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>A credit code as a Chinese input method types it: every digit and letter full-width.</summary>
    private static string FullWidth(string code) => string.Concat(code.Select(c => (char)(c + 0xFEE0)));

    [Fact]
    public async Task A_sheet_under_titles_with_untidy_headers_and_extra_columns_is_read_and_every_problem_and_ignored_column_named()
    {
        var officer = await app.As("officer");
        var first = CrmBuilders.NewCreditCode();
        var sheet = new TestWorkbook()
            .MergedTitle("海川市 2024 年度投资方台账", 9)                                             // 1
            .Row("填报单位：海川市投资促进局", null, null, null, null, null, "填报日期：2024年3月5日") // 2
            .Blank()                                                                                // 3
            .Row(" 企业 名称 ", "统一社会\n信用代码", "企业性质", "所在　地区", "行业代码", "世界５００强", "中国500强", "联系人", null) // 4
            .Row("表格甲科技有限公司", FullWidth(first), "民营", "江苏", "ｃ3841", "否", "否", "王五")    // 5: fine
            .Row("表格乙有限公司", CrmBuilders.NewCreditCode(), "", "江苏")                             // 6: no ownership
            .Row("", CrmBuilders.NewCreditCode(), "国有")                                              // 7: no name
            .Row("表格丙有限公司", first, "民营")                                                      // 8: the code of row 5
            .Row("表格丁有限公司", null, "外资", null, null, "Y", "N", null, "备用电话 0512-1234")       // 9: fine, a value under no header
            .Bytes();

        var refused = await app.Send(new ImportInvestors(sheet, ImportValidRows: false), officer);

        (refused.Rows, refused.Imported, refused.HeaderRow).ShouldBe((5, 0, 4)); // rows 5–9: the titles and the blank row are not data
        refused.Errors.ShouldBe([
            new ImportError(6, "企业性质", "“企业性质”为必填项。"),
            new ImportError(7, "企业 名称", "“企业 名称”为必填项。"),
            new ImportError(8, "统一社会 信用代码", "与第 5 行的统一社会信用代码重复。")]);
        refused.Notes.ShouldBe([
            new ImportNote(4, "联系人", "未识别的列“联系人”，该列内容未导入。"),
            new ImportNote(4, "I", "I 列有内容但没有表头，该列内容未导入。")]);
        (await app.Scalar<long>("SELECT count(*) FROM investors WHERE name LIKE '表格%'")).ShouldBe(0);

        var imported = await app.Send(new ImportInvestors(sheet, ImportValidRows: true), officer);
        imported.Imported.ShouldBe(2);
        (await app.Query<(string, string, string, bool)>(
                "SELECT name, coalesce(credit_code, ''), coalesce(industry_code, ''), is_fortune500 FROM investors WHERE name LIKE '表格%' ORDER BY name"))
            .ShouldBe([("表格丁有限公司", "", "", true), ("表格甲科技有限公司", first, "C3841", false)]);
    }

    [Fact]
    public async Task A_sheet_whose_header_lacks_a_required_column_is_refused_naming_the_column_at_the_header_row()
    {
        var sheet = new TestWorkbook()
            .MergedTitle("投资方名单", 3)
            .Row("企业名称", "统一社会信用代码", "所在地区")
            .Row("缺列有限公司", CrmBuilders.NewCreditCode(), "江苏")
            .Bytes();

        var result = await app.Send(new ImportInvestors(sheet, ImportValidRows: true), await app.As("officer"));

        (result.Rows, result.Imported, result.HeaderRow).ShouldBe((1, 0, 2));
        result.Notes.ShouldBeEmpty();
        result.Errors.ShouldBe([new ImportError(2, "企业性质", "缺少“企业性质”列。")]);
        result.SheetRefused.ShouldBeTrue();
    }
}
