using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BizEnv.Invest.E2E;

/// <summary>The promotion officer's main CRM journey: a new firm, its project, a visit, signing, the concierge pair, the desk.</summary>
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
        await page.Locator("#inv-credit").FillAsync(wrongCode);
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
        await Expect(page.Locator("#prj-planned ~ .form-text")).ToContainTextAsync("500,000,000 元");
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
}
