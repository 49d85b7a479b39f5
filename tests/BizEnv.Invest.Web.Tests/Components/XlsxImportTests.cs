using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm.Investors.ImportInvestors;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Web.Components.Shared;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>
/// The shared .xlsx import dialog: the file is checked before anything is sent, a file with errors imports nothing
/// unless the officer then chooses "valid rows only", and a success is reported once. Reading the workbook is the
/// handler's job (tested with real sheets and PostgreSQL elsewhere); here the handler's answer is canned.
/// </summary>
public sealed class XlsxImportTests : AppPageComponentTest
{
    private static readonly byte[] Sheet = [0x50, 0x4B, 3, 4, 1, 2, 3];

    private readonly List<ImportResult> _imported = [];

    private IRenderedComponent<XlsxImport> Dialog() => Render<XlsxImport>(p => p
        .Add(x => x.Request, (content, validRows) => new ImportInvestors(content, validRows))
        .Add(x => x.TemplateUrl, "/templates/investors.xlsx")
        .Add(x => x.DoneText, n => $"已导入 {n} 个投资人。")
        .Add(x => x.OnImported, (ImportResult r) => _imported.Add(r)));

    private static void Choose(IRenderedComponent<XlsxImport> cut, string name, byte[] content) =>
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(content, name));

    [Theory]
    [InlineData(Text.Chinese, "尚未导入")]
    [InlineData(Text.English, "Nothing imported yet")]
    public void Before_a_file_is_chosen_there_is_nothing_to_run(string culture, string noResult)
    {
        using var _ = In(culture);
        var cut = Dialog();
        cut.Find("[data-testid=empty-state] h2").TextContent.ShouldBe(noResult);
        cut.Find("[data-testid=run-import]").HasAttribute("disabled").ShouldBeTrue();
        cut.Find("[data-testid=import-template]").GetAttribute("href").ShouldBe("/templates/investors.xlsx");
    }

    [Fact]
    public void Submitting_without_a_file_asks_for_one_beside_the_field()
    {
        using var _ = In(Text.Chinese);
        var cut = Dialog();
        cut.Find("form").Submit();

        cut.Find("#import-file-error").TextContent.Trim().ShouldBe("请选择要导入的 .xlsx 文件。");
        cut.Find("[data-testid=alert-error]").TextContent.ShouldBe(Text.Get("error.validation"));
        Answers.Sent.ShouldBeEmpty();
    }

    [Fact]
    public void A_file_that_is_not_xlsx_is_refused_before_anything_is_sent()
    {
        using var _ = In(Text.Chinese);
        var cut = Dialog();
        Choose(cut, "投资人.csv", Sheet);

        cut.Find("#import-file-error").TextContent.Trim().ShouldBe("只接受 .xlsx 格式的 Excel 文件。");
        cut.Find("[data-testid=import-file]").GetAttribute("aria-describedby").ShouldBe("import-file-error");
        cut.Find("[data-testid=run-import]").HasAttribute("disabled").ShouldBeTrue();
        Answers.Sent.ShouldBeEmpty();
    }

    [Fact]
    public void A_file_with_errors_imports_nothing_until_the_officer_chooses_the_valid_rows()
    {
        using var _ = In(Text.Chinese);
        ImportError[] errors = [new(3, "投资人名称", "名称不能为空。"), new(5, "注册资本", "金额无法识别。")];
        Answers.On<ImportInvestors, ImportResult>(r => r.ImportValidRows
            ? new ImportResult(4, 2, errors, [new(4, "注册资本", "按万元读取。")], HeaderRow: 1)
            : new ImportResult(4, 0, errors, [], HeaderRow: 1));
        var cut = Dialog();
        Choose(cut, "投资人.xlsx", Sheet);
        cut.Find("[data-testid=run-import]").HasAttribute("disabled").ShouldBeFalse();

        cut.Find("form").Submit();

        cut.WaitForElement("[data-testid=import-nothing]");
        cut.Find("[data-testid=import-imported]").TextContent.ShouldBe("0");
        cut.Find("[data-testid=import-error-count]").TextContent.ShouldBe("2");
        cut.FindAll("[data-testid=import-errors] tbody tr").Select(r => r.Children.Select(c => c.TextContent).ToArray())
            .ShouldBe([["3", "投资人名称", "名称不能为空。"], ["5", "注册资本", "金额无法识别。"]]);
        _imported.ShouldBeEmpty();
        var rerun = cut.Find("[data-testid=import-valid-rows-rerun]");
        rerun.TextContent.Trim().ShouldBe("只导入无误的 2 行");

        rerun.Click();

        cut.WaitForElement("[data-testid=import-done]").TextContent.ShouldContain("已导入 2 个投资人。");
        cut.FindAll("[data-testid=import-notes] tbody tr").ShouldHaveSingleItem().TextContent.ShouldContain("按万元读取。");
        var sent = Answers.Sent.Select(s => (ImportInvestors)s.Request).ToList();
        sent.Select(r => r.ImportValidRows).ShouldBe([false, true]);
        sent.ShouldAllBe(r => r.Content.SequenceEqual(Sheet));
        _imported.ShouldHaveSingleItem().Imported.ShouldBe(2);
        // The file has been taken in: running again would import the same rows twice, so there is nothing left to run.
        cut.Find("[data-testid=run-import]").HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public void A_refused_sheet_offers_no_valid_rows_to_import()
    {
        using var _ = In(Text.English);
        Answers.On<ImportInvestors, ImportResult>(_ => new ImportResult(0, 0, [new(1, "", "A required column is missing.")], [], HeaderRow: 1));
        var cut = Dialog();
        Choose(cut, "investors.xlsx", Sheet);
        cut.Find("form").Submit();

        cut.WaitForElement("[data-testid=import-nothing]").TextContent.ShouldContain("Nothing was imported.");
        cut.FindAll("[data-testid=import-valid-rows-rerun]").ShouldBeEmpty();
        cut.Find("[data-testid=import-errors] tbody td").TextContent.ShouldBe("1");
    }
}
