using System.Text;
using System.Text.RegularExpressions;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Infrastructure.Xlsx;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BizEnv.Invest.E2E;

/// <summary>
/// The promotion officer's CRM journeys: a new firm, its project, a visit, signing, the concierge pair, the desk;
/// and the Excel side — an investor import with a bad row — followed by a key project's weekly report.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CrmJourneyTests(AppFixture app, BrowserFixture browser) : BrowserTest(app, browser)
{
    private const string GuidPattern = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    [Fact]
    public Task Officer_registers_a_firm_creates_a_project_logs_a_visit_signs_it_and_assigns_a_concierge() => JourneyAsync("crm-officer", async page =>
    {
        const string firm = "海川澄明新材料科技有限公司", project = "澄明锂电隔膜生产基地", purpose = "对接锂电隔膜项目用地需求";
        var validCode = WithCheckCharacter("91370999MA0000001");
        var wrongCode = validCode[..17] + (validCode[17] == 'X' ? 'Y' : 'X');

        await page.SignInAsync("officer");
        await page.LiveAsync();

        // 1. A new investor with a wrong check character: refused, the reason under the field.
        await page.FollowAsync(page.Nav().Filter(new() { HasText = "投资方" }), "/investors$");
        await page.FollowAsync(page.GetByTestId("new-investor"), "/investors/new$");
        await page.Locator("#inv-name").FillAsync(firm);
        // Checked as the field is left, before any save: a full-width code reads as ASCII, a wrong one is named.
        await page.Locator("#inv-credit").FillAsync(FullWidth(wrongCode.ToLowerInvariant()));
        await page.Locator("#inv-credit").PressAsync("Tab");
        await Expect(page.Locator("#inv-credit")).ToHaveValueAsync(wrongCode);
        await Expect(page.Locator("#inv-credit-error")).ToContainTextAsync($"校验位错误：第 18 位应为 {validCode[17]}");
        await page.Locator("#inv-region").FillAsync("北京");
        await page.Locator("#inv-industry").FillAsync("C3841");
        await Expect(page.Locator("#industry-options option[value='C3841 锂离子电池制造']")).ToBeAttachedAsync();
        await page.Locator("#inv-industry").FillAsync("C3841 锂离子电池制造");
        await page.Locator("#inv-c500").CheckAsync();
        await page.Locator("#contact-0-name").FillAsync("王澄明");
        await page.Locator("#contact-0-title").FillAsync("董事长");
        await page.Locator("#contact-0-phone").FillAsync("13900001111");
        await page.GetByTestId("save-investor").ClickAsync();

        await Expect(page.Locator("#inv-credit-error")).ToContainTextAsync($"校验位错误：第 18 位应为 {validCode[17]}");
        await Expect(page.Locator("#inv-credit")).ToHaveClassAsync(new Regex("is-invalid"));
        await Expect(page.ErrorAlert()).ToBeVisibleAsync();
        new Uri(page.Url).AbsolutePath.ShouldBe("/investors/new", "a refused investor must not be saved");
        await page.ScreenshotAsync("crm-1-wrong-credit-code");

        await page.Locator("#inv-credit").FillAsync(validCode);
        await page.GetByTestId("save-investor").ClickAsync();
        await page.WaitForURLAsync(new Regex($"/investors/{GuidPattern}\\?saved=1$"));
        await Expect(page.Locator("main h1")).ToContainTextAsync(firm);
        await Expect(page.GetByTestId("alert-success")).ToContainTextAsync("投资方已保存");
        await Expect(page.GetByTestId("investor-facts")).ToContainTextAsync(validCode);
        await Expect(page.GetByTestId("investor-facts")).ToContainTextAsync("C3841 锂离子电池制造");
        await page.ScreenshotAsync("crm-2-investor-saved");

        // 2. A project for it: a municipal key project, 5 亿元 planned (typed in 万元).
        await page.FollowAsync(page.GetByTestId("new-project"), "/projects/new\\?investorId=");
        await Expect(page.GetByTestId("prj-investor-chosen")).ToHaveValueAsync(firm);
        await page.Locator("#prj-name").FillAsync(project);
        await page.Locator("#prj-planned").FillAsync("50000");
        await page.Locator("#prj-capital").FillAsync("10000");
        await page.Locator("#prj-jobs").FillAsync("300");
        await page.Locator("#prj-level").SelectOptionAsync("Municipal");
        await Expect(page.Locator("#prj-planned ~ .form-text")).ToContainTextAsync("500,000,000.00 元");
        await page.GetByTestId("save-project").ClickAsync();
        await page.WaitForURLAsync(new Regex($"/projects/{GuidPattern}\\?created=1$"));
        var projectUrl = new Uri(page.Url).AbsolutePath;
        await Expect(page.GetByTestId("project-number")).ToHaveTextAsync(new Regex(@"^HC-\d{4}-\d{4}$"));
        var number = (await page.GetByTestId("project-number").InnerTextAsync()).Trim();
        await Expect(page.Locator("main h1 + .badge")).ToHaveTextAsync("线索");
        await Expect(page.GetByTestId("project-facts")).ToContainTextAsync("50,000 万元");
        await page.ScreenshotAsync("crm-3-project-created");

        // 3. A visit to the firm, tied to the project, with one demand.
        await page.FollowAsync(page.Locator("nav .breadcrumb a", new() { HasText = firm }), $"/investors/{GuidPattern}$");
        await page.FollowAsync(page.GetByTestId("log-visit"), "/visits\\?investorId=");
        await Expect(page.GetByTestId("v-investor-chosen")).ToHaveValueAsync(firm);
        await Expect(page.Locator("#v-project option", new() { HasText = number })).ToBeAttachedAsync();
        await page.Locator("#v-project").SelectOptionAsync(new SelectOptionValue { Label = $"{number} {project}" });
        await page.Locator("#v-purpose").FillAsync(purpose);
        await page.Locator("#v-notes").FillAsync("企业希望 3 个月内落实 80 亩工业用地。");
        await page.GetByTestId("add-demand").ClickAsync();
        await page.Locator("#d-0-desc").FillAsync("协调 10kV 专线接入");
        await page.GetByTestId("save-visit").ClickAsync();
        await Expect(page.GetByTestId("alert-success")).ToContainTextAsync("走访已登记");
        var visitRow = page.GetByTestId("visits-table").Locator("tbody tr").First;
        await Expect(visitRow).ToContainTextAsync(firm);
        await Expect(visitRow).ToContainTextAsync(purpose);
        await Expect(visitRow).ToContainTextAsync(number);
        await page.ScreenshotAsync("crm-4-visit-logged");

        // The firm's page shows who visited it recently, whatever their unit: the anti-duplicate panel.
        await page.FollowAsync(visitRow.Locator("a", new() { HasText = firm }), $"/investors/{GuidPattern}$");
        await Expect(page.GetByTestId("recent-visits")).ToContainTextAsync("招商一处");
        await Expect(page.GetByTestId("recent-visits")).ToContainTextAsync(purpose);
        await Expect(page.GetByTestId("recent-visits")).ToContainTextAsync("李志强");
        await page.ScreenshotAsync("crm-5-recent-visits");

        // 4. Lead → Negotiating → Signed, one step at a time; the signing carries the contract as evidence.
        await page.FollowAsync(page.GetByTestId("investor-projects").Locator("a", new() { HasText = project }), $"{projectUrl}$");
        await Expect(page.GetByTestId("advance-stage")).ToContainTextAsync("洽谈");
        await page.Locator("#st-note").FillAsync("双方就供地条件达成一致意向");
        await page.GetByTestId("advance-stage").ClickAsync();
        await Expect(page.Locator("main h1 + .badge")).ToHaveTextAsync("洽谈");
        await Expect(page.GetByTestId("advance-stage")).ToContainTextAsync("签约");
        await page.ScreenshotAsync("crm-6-negotiating");

        await page.Locator("#st-note").FillAsync("签订投资合同");
        await page.Locator("#st-file").SetInputFilesAsync(new FilePayload
        {
            Name = "投资合同.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),
        });
        await page.GetByTestId("advance-stage").ClickAsync();
        await Expect(page.Locator("main h1 + .badge")).ToHaveTextAsync("签约");
        await Expect(page.GetByTestId("advance-stage")).ToContainTextAsync("注册");
        await Expect(page.GetByTestId("stage-timeline")).ToContainTextAsync("投资合同.pdf");
        var evidence = page.GetByTestId("project-files").Locator("a", new() { HasText = "投资合同.pdf" });
        await Expect(evidence).ToBeVisibleAsync();
        var download = await page.APIRequest.GetAsync((await evidence.GetAttributeAsync("href"))!);
        download.Status.ShouldBe(200);
        Encoding.ASCII.GetString(await download.BodyAsync()).ShouldStartWith("%PDF");
        await page.ScreenshotAsync("crm-7-signed");

        // 5. The concierge pair: A = the officer himself, B = a colleague of the other division.
        await page.Locator("#cc-a").SelectOptionAsync(new SelectOptionValue { Label = "李志强（招商一处）" });
        await page.Locator("#cc-b").SelectOptionAsync(new SelectOptionValue { Label = "赵晓燕（招商二处）" });
        await page.GetByTestId("assign-concierge").ClickAsync();
        await Expect(page.GetByTestId("concierge-history")).ToContainTextAsync("A：李志强 · B：赵晓燕");
        await Expect(page.GetByTestId("project-concierge")).ToContainTextAsync("赵晓燕");
        await page.ScreenshotAsync("crm-8-concierge");

        // 6. The desk: the project on the board under 签约, and among the concierge cases as A.
        await page.FollowAsync(page.Nav().Filter(new() { HasText = "首页" }), "/$");
        var signed = page.GetByTestId("desk-board").Locator("[data-stage=Signed]");
        await Expect(signed.GetByTestId("project-card").Filter(new() { HasText = project })).ToBeVisibleAsync();
        var ourCase = page.GetByTestId("concierge-cases").Locator("li", new() { HasText = number });
        await Expect(ourCase).ToContainTextAsync(project);
        await Expect(ourCase.Locator(".badge").First).ToHaveTextAsync("A");
        await Expect(page.GetByTestId("open-items")).ToContainTextAsync("协调 10kV 专线接入");
        await page.ScreenshotAsync("crm-9-home-desk");
    });

    [Fact]
    public Task Officer_imports_investors_and_drafts_a_weekly_report() => JourneyAsync("import-weekly", async page =>
    {
        var good1 = WithCheckCharacter("91110108MA0100001");
        var good2 = WithCheckCharacter("91310115MA0300003");
        var valid = WithCheckCharacter("91120116MA0200002");
        var wrong = valid[..17] + (valid[17] == 'X' ? 'Y' : 'X');
        // The app's own ledger layout: a title row, the header row, then the rows (row 4 is the bad one).
        string[] headers = ["企业名称", "统一社会信用代码", "企业性质", "所在地区", "行业代码", "世界500强", "中国500强"];
        byte[] xlsx;
        await using (var sheet = await new XlsxExporter().ExportAsync("import.xlsx", new XlsxLayout("投资方导入", "投资方导入（测试）", headers),
        [
            ["海川导入甲锂电科技有限公司", good1, "民营", "北京", "C3841", "否", "是"],
            ["海川导入乙新材料有限公司", wrong, "国有", "天津", "", "否", "否"],
            ["海川导入丙能源有限公司", good2, "外资", "上海", "", "是", "否"],
        ]))
            xlsx = await sheet.ReadAllBytesAsync();

        await page.SignInAsync("officer");
        await page.LiveAsync();

        // 1. All or nothing: one wrong check character, nothing imported, the error by row and column.
        await page.FollowAsync(page.Nav().Filter(new() { HasText = "投资方" }), "/investors$");
        await page.FollowAsync(page.GetByTestId("import-investors"), "/investors/import$");
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "投资方导入.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = xlsx,
        });
        await Expect(page.GetByTestId("run-import")).ToBeEnabledAsync(new() { Timeout = 30_000 }); // the file travels over the live circuit first: slow on a busy machine
        await page.GetByTestId("run-import").ClickAsync();
        await Expect(page.GetByTestId("import-nothing")).ToContainTextAsync("未导入任何数据");
        await Expect(page.GetByTestId("import-rows")).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("import-imported")).ToHaveTextAsync("0");
        var errors = page.GetByTestId("import-errors").Locator("tbody tr");
        await Expect(errors).ToHaveCountAsync(1);
        await Expect(errors.Locator("td")).ToHaveTextAsync([new Regex("^4$"), new Regex("^统一社会信用代码$"), new Regex($"校验位错误：第 18 位应为 {valid[17]}")]);
        await page.ScreenshotAsync("import-1-errors");

        // 2. The same file again, valid rows only: two firms in, the bad row reported as skipped.
        await page.GetByTestId("import-valid-rows-rerun").ClickAsync();
        await Expect(page.GetByTestId("import-imported")).ToHaveTextAsync("2");
        await Expect(page.GetByTestId("import-done")).ToContainTextAsync("已导入 2 家投资方");
        await Expect(page.GetByTestId("import-errors").Locator("tbody tr")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("import-2-valid-rows");
        await page.FollowAsync(page.GetByTestId("import-done").Locator("a"), "/investors$");
        await page.Locator("#q").FillAsync("海川导入");
        await page.Locator("form[role=search] button[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("investors-table").Locator("tbody tr")).ToHaveCountAsync(2);

        // 3. The week's report of a key project of the officer's unit: drafted from the records, edited, submitted.
        await page.FollowAsync(page.Nav().Filter(new() { HasText = "周报" }), "/weekly-reports$");
        var first = page.GetByTestId("weekly-projects").Locator("tbody tr").First;
        var number = (await first.Locator("code").InnerTextAsync()).Trim();
        await first.GetByTestId("generate-report").ClickAsync();
        var editor = page.GetByTestId("weekly-editor");
        await Expect(editor.Locator("h2")).ToContainTextAsync(number);
        await Expect(editor.Locator("[data-status]")).ToHaveTextAsync("草稿");
        (await page.Locator("#w-progress").InputValueAsync()).ShouldNotBeNullOrWhiteSpace("the draft is written from the week's records");
        await Expect(page.Locator("#w-next")).ToHaveValueAsync(new Regex("推动项目|持续跟踪"));
        var export = await page.APIRequest.GetAsync((await page.GetByTestId("export-weekly").GetAttributeAsync("href"))!);
        export.Status.ShouldBe(200);
        export.Headers["content-type"].ShouldStartWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        await page.ScreenshotAsync("weekly-1-draft");

        await page.Locator("#w-progress").FillAsync("本周与企业确认供地方案，完成项目备案材料准备。");
        await page.Locator("#w-next").FillAsync("下周报请召开专班调度会，推动办理用地手续。");
        await page.GetByTestId("save-report").ClickAsync();
        await Expect(page.GetByTestId("alert-success")).ToContainTextAsync("周报已保存");
        await page.GetByTestId("submit-report").ClickAsync();
        await Expect(page.GetByTestId("alert-success")).ToContainTextAsync("周报已提交");
        await Expect(editor.Locator("[data-status]")).ToHaveTextAsync("已提交");
        await Expect(page.GetByTestId("weekly-read-only")).ToContainTextAsync("完成项目备案材料准备");
        await Expect(page.GetByTestId("weekly-submitted-by")).ToContainTextAsync("李志强");
        await Expect(page.Locator("#w-progress")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("weekly-reports").Locator($"tr[data-project='{number}']")).ToContainTextAsync("已提交");
        await page.ScreenshotAsync("weekly-2-submitted");
    });

    /// <summary>GB 32100-2015: the 18th character from the first 17 (weights 3^(i-1) mod 31), computed here independently of the app.</summary>
    private static string WithCheckCharacter(string first17)
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var sum = 0;
        var weight = 1;
        foreach (var c in first17)
        {
            sum += alphabet.IndexOf(c) * weight;
            weight = weight * 3 % 31;
        }
        return first17 + alphabet[(31 - sum % 31) % 31];
    }

    /// <summary>ASCII letters and digits as a Chinese input method types them in full width (Ａ, ９).</summary>
    private static string FullWidth(string ascii) => new(ascii.Select(c => c is > ' ' and <= '~' ? (char)(c + 0xFEE0) : c).ToArray());
}
