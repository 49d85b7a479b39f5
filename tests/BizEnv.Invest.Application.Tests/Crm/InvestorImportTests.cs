using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm.Investors.ExportInvestors;
using BizEnv.Invest.Application.Crm.Investors.ImportInvestors;
using BizEnv.Invest.Application.Crm.Investors.ListInvestors;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Application.Tests.Crm;

public sealed class InvestorImportTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<byte[]> Sheet(params IReadOnlyList<object?>[] rows)
    {
        await using var file = await app.Services.GetRequiredService<IXlsxExporter>()
            .ExportAsync("import.xlsx", new XlsxLayout("导入", "投资方导入", InvestorImportColumns.Headers), rows);
        return await file.ReadAllBytesAsync();
    }

    private static IReadOnlyList<object?> Row(string name, string? code, string ownership = "民营", string industry = "C3841", string fortune = "否") =>
        [name, code, ownership, "江苏", industry, fortune, "否"];

    [Fact]
    public async Task A_file_with_bad_rows_imports_nothing_and_reports_each_bad_row()
    {
        var officer = await app.As("officer");
        var good = CrmBuilders.NewCreditCode();
        var badCheck = good[..17] + (good[17] == '0' ? '1' : '0');
        var dup = CrmBuilders.NewCreditCode();
        var file = await Sheet(
            Row("导入甲有限公司", CrmBuilders.NewCreditCode()),   // sheet row 3 (title, header, then data)
            Row("导入乙有限公司", badCheck),                        // 4: wrong check character
            Row("导入丙有限公司", dup, ownership: "集体"),         // 5: unknown ownership
            Row("导入丁有限公司", dup),                            // 6: same code as row 5
            Row("导入戊有限公司", null, industry: "Z9999", fortune: "也许")); // 7: unknown industry and flag

        var result = await app.Send(new ImportInvestors(file, ImportValidRows: false), officer);

        result.Rows.ShouldBe(5);
        result.Imported.ShouldBe(0);
        result.Errors.Select(e => (e.Row, e.Column)).ShouldBe(
            [(4, "统一社会信用代码"), (5, "企业性质"), (6, "统一社会信用代码"), (7, "行业代码"), (7, "世界500强")], ignoreOrder: true);
        result.Errors.Single(e => e.Row == 4).Message.ShouldContain($"应为 {good[17]}");
        result.Errors.Single(e => e.Row == 6).Message.ShouldContain("第 5 行");
        (await app.Scalar<long>("SELECT count(*) FROM investors WHERE name LIKE '导入%'")).ShouldBe(0);
    }

    [Fact]
    public async Task Choosing_to_import_valid_rows_imports_exactly_those()
    {
        var officer = await app.As("officer");
        var file = await Sheet(Row("有效一有限公司", CrmBuilders.NewCreditCode()), Row("无效一有限公司", "123"), Row("有效二有限公司", null));
        var result = await app.Send(new ImportInvestors(file, ImportValidRows: true), officer);
        result.Imported.ShouldBe(2);
        result.Errors.Single().Row.ShouldBe(4);
        (await app.Scalar<long>("SELECT count(*) FROM investors WHERE name LIKE '有效%'")).ShouldBe(2);
        (await app.Scalar<long>("SELECT count(*) FROM investors WHERE name LIKE '无效%'")).ShouldBe(0);
    }

    [Fact]
    public async Task A_file_that_is_not_a_spreadsheet_is_refused_with_a_reason()
    {
        var result = await app.Send(new ImportInvestors("not an xlsx"u8.ToArray(), false), await app.As("officer"));
        result.Imported.ShouldBe(0);
        result.Errors.Single().Message.ShouldContain(".xlsx");
    }

    [Fact]
    public async Task An_export_of_the_ledger_can_be_imported_again_by_another_unit_which_is_told_the_codes_are_taken()
    {
        var officer = await app.As("officer");
        await app.NewInvestor(officer, "往返测试有限公司");
        await using var export = await app.Send(new ExportInvestors(new ListInvestors(Search: "往返测试")), officer);
        var result = await app.Send(new ImportInvestors(await export.ReadAllBytesAsync(), false), await app.As("officer2"));
        result.Rows.ShouldBe(1);
        result.Errors.Single().Message.ShouldContain("已登记");
    }
}
