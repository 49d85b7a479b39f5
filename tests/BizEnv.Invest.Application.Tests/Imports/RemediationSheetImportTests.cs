using BizEnv.Invest.Application.Commitments.Remediation.ImportRemediation;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Testing;

namespace BizEnv.Invest.Application.Tests.Imports;

/// <summary>The historical-promise sheet as an archive keeps it: amounts in 万元 or with their own units, dates in every form.</summary>
public sealed class RemediationSheetImportTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Amounts_in_any_unit_and_dates_in_any_common_form_are_read_each_reading_is_told_and_each_problem_named_by_sheet_row()
    {
        var officer = await app.As("officer");
        var integrity = await app.As("integrity");
        var project = (await app.NewProject(officer, (await app.NewInvestor(officer)).Id)).Number;
        object?[] Row(string clause, object? value, object made, string promiser = "张三", string kind = "补贴奖励") =>
            [project, kind, clause, value, made, "2017-06-30", promiser, "海川市工业扶持办法", "历年台账"];
        var sheet = new TestWorkbook()
            .MergedTitle("海川市历史遗留未兑现承诺台账", 9)                                                    // 1
            .MergedTitle("（2017 年 12 月 31 日前作出）", 9)                                                 // 2
            .Row("项目编号", "承诺 类型", "承诺内容", "承诺金额（万元）", "承诺日期", "兑现 期限", "承诺人", "政策依据", "备注") // 3
            .Row(Row("设备补助甲", 120, "2016-03-05"))            // 4: a number, in the header's 万元
            .Row(Row("设备补助乙", "1,200,000元", "2016/3/5"))     // 5: its own unit wins over the header's
            .Row(Row("设备补助丙", "１２０万", "2016.3.5"))        // 6: full-width digits, 万
            .Row(Row("设备补助丁", "1，234.5", "2016年3月5日"))   // 7: a full-width thousands comma, in 万元
            .Row(Row("设备补助戊", "1.5亿", "20160305"))           // 8
            .Row(Row("设备补助己", 0.5, new DateOnly(2016, 3, 5))) // 9: a real Excel date cell
            .Row(Row("配套道路", null, "二〇一六年三月五日", kind: "基础设施配套")) // 10: no amount needed, nothing to tell
            .Row(Row("设备补助庚", "12,34", "2016-03-05"))         // 11: a comma that groups nothing
            .Row(Row("设备补助辛", 10, "3/5/2016"))                // 12: March or May?
            .Row(Row("设备补助壬", 10, "2016-02-30"))              // 13
            .Row(Row("设备补助癸", 10, "2016-03-05", promiser: " ")) // 14: blank is missing
            .Row(Row("设备补助甲", 99, "2016-03-05"))              // 15: row 4 again
            .Bytes();

        var refused = await app.Send(new ImportRemediation(sheet, ImportValidRows: false), integrity);

        (refused.Rows, refused.Imported, refused.HeaderRow).ShouldBe((12, 0, 3));
        refused.Errors.ShouldBe([
            new ImportError(11, "承诺金额（万元）", "无法识别的金额“12,34”（可写作 1200000、1,200,000、120万元 等）。"),
            new ImportError(12, "承诺日期", "日期“3/5/2016”的年、月、日顺序不明确，请年份在前，如 2016-05-01。"),
            new ImportError(13, "承诺日期", "日期“2016-02-30”不存在。"),
            new ImportError(14, "承诺人", "“承诺人”为必填项。"),
            new ImportError(15, "承诺内容", "与第 4 行重复。")]);
        refused.Notes.ShouldBe([
            new ImportNote(3, "备注", "未识别的列“备注”，该列内容未导入。"),
            new ImportNote(4, "承诺金额（万元）", "“120”按表头单位万元读作 1,200,000 元。"),
            new ImportNote(5, "承诺金额（万元）", "“1,200,000元”读作 1,200,000 元。"),
            new ImportNote(6, "承诺金额（万元）", "“１２０万”读作 1,200,000 元。"),
            new ImportNote(7, "承诺金额（万元）", "“1，234.5”按表头单位万元读作 12,345,000 元。"),
            new ImportNote(8, "承诺金额（万元）", "“1.5亿”读作 150,000,000 元。"),
            new ImportNote(9, "承诺金额（万元）", "“0.5”按表头单位万元读作 5,000 元。"),
            new ImportNote(12, "承诺金额（万元）", "“10”按表头单位万元读作 100,000 元。"),
            new ImportNote(13, "承诺金额（万元）", "“10”按表头单位万元读作 100,000 元。"),
            new ImportNote(14, "承诺金额（万元）", "“10”按表头单位万元读作 100,000 元。"),
            new ImportNote(15, "承诺金额（万元）", "“99”按表头单位万元读作 990,000 元。")]);

        var imported = await app.Send(new ImportRemediation(sheet, ImportValidRows: true), integrity);
        imported.Imported.ShouldBe(7);
        (await app.Query<(string, decimal?, DateOnly)>(
                "SELECT c.clause, c.value_cny, c.made_on FROM commitments c JOIN projects p ON p.id = c.project_id WHERE p.number = @project", new { project }))
            .ShouldBe([
                ("设备补助丁", 12_345_000m, new DateOnly(2016, 3, 5)), ("设备补助丙", 1_200_000m, new DateOnly(2016, 3, 5)),
                ("设备补助己", 5_000m, new DateOnly(2016, 3, 5)), ("设备补助戊", 150_000_000m, new DateOnly(2016, 3, 5)),
                ("设备补助甲", 1_200_000m, new DateOnly(2016, 3, 5)), ("设备补助乙", 1_200_000m, new DateOnly(2016, 3, 5)),
                ("配套道路", null, new DateOnly(2016, 3, 5))], ignoreOrder: true);

        // The same sheet again: each promise already on record is named by its own row.
        var again = await app.Send(new ImportRemediation(sheet, ImportValidRows: true), integrity);
        again.Imported.ShouldBe(0);
        again.Errors.Where(e => e.Row <= 10).Select(e => (e.Row, e.Column)).ShouldBe(new[] { 4, 5, 6, 7, 8, 9, 10 }.Select(r => (r, "承诺内容")));
        again.Errors.First().Message.ShouldBe($"项目 {project} 于 2016-03-05 作出的这项承诺已在台账中。");
    }
}
